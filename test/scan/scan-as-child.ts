// Runs one scan and prints its result as JSON: the scanner test starts this as `nobody` to see a
// chmod-000 folder refused, which a root test process would read straight through.
import { collectScan } from '../../src/main/core/scan';

const root = process.argv[2];
if (!root) throw new Error('usage: scan-as-child.ts <folder>');
void collectScan(root).then((result) => process.stdout.write(JSON.stringify(result)));

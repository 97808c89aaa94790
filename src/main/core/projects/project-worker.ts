/**
 * Entry of the project-reading worker thread: parsing a 20 MB Live set or a zip never runs on the
 * main process's event loop (IPC, the Local API). Built as out/main/project-worker.js.
 */
import { parentPort } from 'node:worker_threads';
import { readProjectAt } from './read-project';
import type { ProjectJob, ProjectJobDone } from './project-pool';

if (parentPort === null) throw new Error('project-worker must run as a worker thread');
const port = parentPort;
port.on('message', (job: ProjectJob) => {
  const done: ProjectJobDone = { id: job.id, outcome: readProjectAt(job.path) };
  port.postMessage(done);
});

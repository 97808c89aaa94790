import type { ProjectView } from '../../../../shared/project-metadata';
import { formatSampleRate, formatTempo } from '../../lib/project-format';

/** The project's version, tempo, signature, key and sample rate; what the file does not say is "—". */
export function ProjectFacts({ view }: { view: ProjectView }) {
  return (
    <dl className="project-facts">
      <div className="project-facts__wide">
        <dt>DAW version</dt>
        <dd data-testid="project-version" title={view.dawVersion ?? undefined}>
          {view.dawVersion ?? '—'}
        </dd>
      </div>
      <Fact
        label="Tempo"
        testId="project-tempo"
        value={view.tempo === null ? null : formatTempo(view.tempo)}
      />
      <Fact label="Signature" testId="project-signature" value={view.timeSignature} />
      <Fact label="Key" testId="project-key" value={view.key} missing="Not set" />
      <Fact
        label="Sample rate"
        testId="project-sample-rate"
        value={view.sampleRate === null ? null : formatSampleRate(view.sampleRate)}
      />
    </dl>
  );
}

function Fact({
  label,
  value,
  testId,
  missing = '—',
}: {
  label: string;
  value: string | null;
  testId: string;
  missing?: string;
}) {
  return (
    <div>
      <dt>{label}</dt>
      <dd data-testid={testId} className={value === null ? 'project-facts__none' : undefined}>
        {value ?? missing}
      </dd>
    </div>
  );
}

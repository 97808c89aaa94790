import type { ProjectSample, ProjectView } from '../../../../shared/project-metadata';
import { plural } from '../../lib/labels';
import { fileNameOf } from '../../lib/project-format';
import { WarningIcon } from '../icons';
import { CollapsibleList } from './CollapsibleList';

const SAMPLES_SHOWN = 6;

/** The audio files the project uses, the missing ones first and flagged, with the path on hover. */
export function ProjectSamples({ view }: { view: ProjectView }) {
  if (view.sampleCount === 0) return null;
  const samples: ProjectSample[] = [
    ...view.samples.filter((sample) => !sample.exists),
    ...view.samples.filter((sample) => sample.exists),
  ];
  const missing = view.missingSampleCount;
  return (
    <div className="project-part">
      <div className="project-part__heading">
        Samples
        <span
          className={missing > 0 ? 'project-part__count project-part__count--warning' : 'project-part__count'}
          data-testid="project-samples-count"
        >
          {missing > 0
            ? `${missing.toLocaleString('en-US')} missing of ${view.sampleCount.toLocaleString('en-US')}`
            : view.sampleCount.toLocaleString('en-US')}
        </span>
      </div>
      <CollapsibleList
        items={samples}
        limit={SAMPLES_SHOWN}
        noun="sample"
        testId="project-samples"
        className="project-samples"
        renderItem={(sample, index) => (
          <li
            key={index}
            className="project-sample"
            data-testid="project-sample"
            data-missing={!sample.exists}
            title={
              sample.exists
                ? sample.resolvedPath
                : `Not found: ${sample.resolvedPath}${sample.storedPath !== sample.resolvedPath ? `\nThe project says: ${sample.storedPath}` : ''}`
            }
          >
            {!sample.exists && <WarningIcon size={12} className="project-sample__icon" />}
            <span className="project-sample__name">{fileNameOf(sample.storedPath)}</span>
            {!sample.exists && <span className="project-sample__flag">Missing</span>}
          </li>
        )}
      />
      {view.samples.length < view.sampleCount && (
        <p className="project-part__note">
          Only the first {plural(view.samples.length, 'sample')} are listed.
        </p>
      )}
    </div>
  );
}

import type { Session } from '../../../../shared/domain';
import { ArtworkThumb } from './ArtworkThumb';

/** The detail panel's artwork: the large thumbnail, Choose…, Remove, and a drop zone. */
export function DetailArtwork({ session }: { session: Session }) {
  return (
    <section className="detail-artwork" data-testid="detail-artwork">
      <ArtworkThumb session={session} size="large" variant="detail" />
    </section>
  );
}

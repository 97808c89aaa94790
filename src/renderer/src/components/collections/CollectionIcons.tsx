// The collections' own icons (issue 13), drawn like components/icons.tsx: 16 px strokes in currentColor.
import type { SVGProps } from 'react';

type IconProps = SVGProps<SVGSVGElement> & { size?: number };

const base = (size: number) =>
  ({
    width: size,
    height: size,
    viewBox: '0 0 16 16',
    fill: 'none',
    stroke: 'currentColor',
    strokeWidth: 1.5,
    strokeLinecap: 'round',
    strokeLinejoin: 'round',
    'aria-hidden': true,
    focusable: false,
  }) as const;

/** A manual collection: a stack of sessions. */
export const CollectionIcon = ({ size = 16, ...props }: IconProps) => (
  <svg {...base(size)} {...props}>
    <rect x="2.5" y="6" width="11" height="7.5" rx="1.5" />
    <path d="M4 4h8M5.5 2h5" />
  </svg>
);

/** A smart collection: a saved search that keeps itself up to date. */
export const SmartCollectionIcon = ({ size = 16, ...props }: IconProps) => (
  <svg {...base(size)} {...props}>
    <path d="M8 2v2.2M8 11.8V14M2 8h2.2M11.8 8H14M3.8 3.8l1.5 1.5M10.7 10.7l1.5 1.5M3.8 12.2l1.5-1.5M10.7 5.3l1.5-1.5" />
    <circle cx="8" cy="8" r="1.6" />
  </svg>
);

import { cn } from "./cn";

export interface AvatarProps {
  src: string | null | undefined;
  /** Login or name; becomes the alt text unless `decorative`. */
  name: string;
  size?: number;
  /** When the name is already written next to it, hide the image from screen readers. */
  decorative?: boolean;
  square?: boolean;
  className?: string;
}

export function Avatar({ src, name, size = 24, decorative = false, square = false, className }: AvatarProps) {
  const shape = square ? "rounded-md" : "rounded-full";
  if (!src) {
    return (
      <span
        aria-hidden={decorative || undefined}
        role={decorative ? undefined : "img"}
        aria-label={decorative ? undefined : name}
        style={{ width: size, height: size, fontSize: Math.max(10, size / 2.4) }}
        className={cn(
          "inline-flex shrink-0 items-center justify-center bg-gray-300 font-semibold text-gray-800 uppercase dark:bg-gray-600 dark:text-gray-100",
          shape,
          className,
        )}
      >
        {name.slice(0, 1)}
      </span>
    );
  }
  return (
    // GHES avatars live on the configured server's host; next/image would need it in remotePatterns.
    // eslint-disable-next-line @next/next/no-img-element
    <img
      src={src}
      alt={decorative ? "" : name}
      width={size}
      height={size}
      loading="lazy"
      className={cn("inline-block shrink-0 bg-gray-200 dark:bg-gray-700", shape, className)}
    />
  );
}

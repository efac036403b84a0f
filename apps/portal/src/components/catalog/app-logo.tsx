/** The app's uploaded logo, or its initial on a tile. */
export function AppLogo({ path, name, size = 56 }: { path: string | null; name: string; size?: number }) {
  if (path) {
    return (
      <img
        src={path}
        alt=""
        width={size}
        height={size}
        className="rounded-md border border-slate-200 object-contain"
      />
    );
  }
  return (
    <div
      aria-hidden="true"
      style={{ width: size, height: size }}
      className="flex shrink-0 items-center justify-center rounded-md bg-brand-100 text-xl font-semibold text-brand-800"
    >
      {name.slice(0, 1).toUpperCase()}
    </div>
  );
}

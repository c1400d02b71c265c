// The bar long work shows while a job runs (an import, a duplicate scan): percent 0–100, with its label for
// screen readers.
export function ProgressBar({ percent, label }: { percent: number; label: string }) {
  const value = Math.max(0, Math.min(100, Math.round(percent)));
  return (
    <div className="cust-progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={value} aria-label={label}>
      <span className="cust-progress__bar" style={{ inlineSize: `${value}%` }} />
    </div>
  );
}

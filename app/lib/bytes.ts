// "1,2 MB" / "1.2 MB": file sizes for people, in their language (powers of 1024, as upload limits are).
export function formatBytes(bytes: number, locale: string): string {
  const units = ["B", "KB", "MB", "GB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  const number = new Intl.NumberFormat(locale === "en" ? "en-US" : "es-CO", { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(value);
  return `${number} ${units[unit]}`;
}

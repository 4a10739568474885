/**
 * The process's peak resident set size so far, in MB (the kernel's high-water mark: what
 * `/usr/bin/time` reports as maximum resident set size).
 * @example
 * console.log(`peak RSS ${peakRssMb()} MB`);
 */
export function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

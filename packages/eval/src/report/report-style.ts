/** The report's inline stylesheet (no external resources). */
export const REPORT_CSS = `
:root { color-scheme: light; }
body { font-family: 'DejaVu Sans', 'Liberation Sans', Arial, Helvetica, sans-serif; margin: 0; color: #1d1d1f; background: #f6f7f9; }
main { max-width: 1200px; margin: 0 auto; padding: 24px 32px 64px; }
header { background: #1f3b57; color: white; padding: 20px 32px; }
header h1 { margin: 0 0 6px; font-size: 26px; }
header p { margin: 0; opacity: 0.85; font-size: 14px; }
h2 { font-size: 21px; margin: 36px 0 10px; padding-bottom: 6px; border-bottom: 2px solid #d0d7de; }
h3 { font-size: 16px; margin: 22px 0 8px; }
section.task { background: white; border: 1px solid #d0d7de; border-radius: 8px; padding: 4px 22px 18px; margin: 22px 0; }
table { border-collapse: collapse; margin: 8px 0 14px; font-size: 14px; background: white; }
th, td { border: 1px solid #d0d7de; padding: 5px 10px; text-align: right; }
th { background: #eef1f4; font-weight: 600; }
td:first-child, th:first-child { text-align: left; }
.ci { color: #57606a; font-size: 12px; white-space: nowrap; }
.summary td:nth-child(2), .dataset td:nth-child(2), .facts td { text-align: left; }
.figures { display: flex; flex-wrap: wrap; gap: 16px; align-items: flex-start; }
figure { margin: 0; background: white; border: 1px solid #e1e4e8; border-radius: 6px; padding: 8px; }
figure img { display: block; max-width: 100%; height: auto; }
figcaption { font-size: 13px; color: #57606a; margin-top: 4px; }
.notes { font-size: 13px; color: #6e4b00; background: #fff8e5; border: 1px solid #f0d58c; border-radius: 6px; padding: 8px 12px 8px 28px; }
pre { background: #f0f2f4; padding: 12px; border-radius: 6px; overflow: auto; max-height: 420px; font-size: 12px; }
.small { font-size: 13px; color: #57606a; }
`;

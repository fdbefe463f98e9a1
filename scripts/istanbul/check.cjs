// Reads a coverage-final.json with Istanbul's own library (which refuses a
// file coverage object that lacks any of its keys), prints its summary as
// JSON, and writes the html and text-summary reports with Istanbul's
// reporters into the folder given.
//   node check.cjs coverage-final.json OUTDIR
const fs = require("fs");
const libCoverage = require("istanbul-lib-coverage");
const libReport = require("istanbul-lib-report");
const reports = require("istanbul-reports");

const [file, out] = process.argv.slice(2);
const map = libCoverage.createCoverageMap(JSON.parse(fs.readFileSync(file, "utf8")));
const files = map.files().map((f) => {
  const fc = map.fileCoverageFor(f);
  return { path: f, lines: fc.getLineCoverage() };
});
const context = libReport.createContext({ dir: out, coverageMap: map });
reports.create("html").execute(context);
reports.create("lcovonly", { file: "lcov.info" }).execute(context);
const summary = map.getCoverageSummary().toJSON();
process.stdout.write(JSON.stringify({ summary, files }) + "\n");

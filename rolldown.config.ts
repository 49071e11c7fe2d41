import { defineConfig } from "rolldown";

/*
 * `npm start` runs the bot from one file: Node 20 loads each ES module on its own (resolve,
 * read, compile, link), and the ~560 files of the bot and the packages it needs at start took
 * ~530 ms, more than half the time to a first answer; as one file they take ~160 ms.
 * The input is tsc's output, the code the tests run. The CLI, the demo and the scripts are
 * not bundled: they start rarely.
 */
export default defineConfig({
  input: "dist/src/main.js",
  platform: "node",
  // Packages loaded only when needed (charts, spreadsheets, invitations, PostgreSQL) stay
  // in node_modules, as does resvg's native binary: they are imported when first used.
  external: [
    "@resvg/resvg-js",
    "csv-stringify/sync",
    "dotenv",
    "exceljs",
    "pdf-lib",
    "pg",
    "qrcode",
    "vega",
    "vega-lite",
  ],
  output: {
    // Two levels below the project root, as dist/src/*.js: data/ and locales/ are found the same way.
    dir: "dist/bundle",
    format: "esm",
    // Emptied first, so that no chunk of an earlier build is left beside the new ones.
    cleanDir: true,
    // V8 keeps a script's whole source, and one character past Latin-1 (a Vietnamese word in a
    // comment) makes all of it two bytes a character: with comments and non-ASCII text kept,
    // the bot sat 7-8 MiB higher at idle than unbundled; escaped and without comments, lower.
    // The comment naming each module's source file (`// dist/src/…`) is the bundler's, and stays.
    charset: "ascii",
    comments: false,
  },
});

// Reads step definitions and feature files the way VS Code's Cucumber extension
// does, through the official Cucumber language service (pinned in package.json):
// glue files are parsed with its Go tree-sitter queries (the WebAssembly parser
// the extension uses), and each feature's steps are checked against the step
// expressions found. Prints one JSON object:
//
//   {"expressions": ["^I click ...$", ...], "errors": [...],
//    "diagnostics": [{"file": "...", "line": 12, "message": "Undefined step: ..."}]}
//
// usage: node check.cjs --glue FILE... --features FILE...
'use strict'
const fs = require('fs')
const path = require('path')
const { ExpressionBuilder, getGherkinDiagnostics } = require('@cucumber/language-service')
const { WasmParserAdapter } = require('@cucumber/language-service/wasm')

function parseArgs(argv) {
  const lists = { '--glue': [], '--features': [] }
  let current = null
  for (const a of argv) {
    if (a in lists) current = lists[a]
    else if (current) current.push(a)
    else throw new Error(`unexpected argument ${a}: write --glue FILE... --features FILE...`)
  }
  return { glue: lists['--glue'], features: lists['--features'] }
}

async function main() {
  const { glue, features } = parseArgs(process.argv.slice(2))
  // The .wasm grammars ship in the package's dist folder, as the extension loads them.
  const dist = path.join(path.dirname(require.resolve('@cucumber/language-service')), '..', '..') // dist/cjs/src/index.js
  const adapter = new WasmParserAdapter(dist)
  await adapter.init()
  const sources = glue.map((f) => ({
    languageName: 'go', // the language server picks the language by extension; these are .go files
    uri: 'file://' + path.resolve(f),
    content: fs.readFileSync(f, 'utf8'),
  }))
  const built = new ExpressionBuilder(adapter).build(sources, [])
  const expressions = built.expressionLinks.map((l) => l.expression)
  const diagnostics = []
  for (const f of features) {
    for (const d of getGherkinDiagnostics(fs.readFileSync(f, 'utf8'), expressions)) {
      diagnostics.push({ file: f, line: d.range.start.line + 1, message: d.message })
    }
  }
  process.stdout.write(JSON.stringify({
    expressions: expressions.map((e) => e.source),
    errors: built.errors.map((e) => String(e.message || e)),
    diagnostics,
  }) + '\n')
}

main().catch((err) => {
  console.error(err && err.stack ? err.stack : String(err))
  process.exit(1)
})

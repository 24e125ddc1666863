// Prints the largest source files and the longest functions of app/ (for reviews: issue 11
// asks that no function run over ~60 lines without a reason). Usage: node scripts/code-size.mjs [N]
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";

const limit = Number(process.argv[2] ?? 10);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");

function sourceFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) ? [full] : [];
  });
}

const files = [];
const functions = [];
for (const full of sourceFiles(path.join(root, "app"))) {
  const text = fs.readFileSync(full, "utf8");
  const file = path.relative(root, full);
  files.push({ file, lines: text.split("\n").length - 1 });
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const lineOf = (pos) => source.getLineAndCharacterOfPosition(pos).line + 1;
  const visit = (node) => {
    if (ts.isFunctionLike(node) && "body" in node && node.body) {
      const parent = node.parent;
      const name =
        (node.name && node.name.getText(source)) ||
        (parent && ts.isVariableDeclaration(parent) && parent.name.getText(source)) ||
        (parent && ts.isPropertyAssignment(parent) && parent.name.getText(source)) ||
        "(anonymous)";
      const start = lineOf(node.getStart(source));
      functions.push({ where: `${file}:${start}`, name, lines: lineOf(node.end) - start + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
}
files.sort((a, b) => b.lines - a.lines);
functions.sort((a, b) => b.lines - a.lines);
console.log(`largest files (of ${files.length}):`);
for (const f of files.slice(0, limit)) console.log(`  ${String(f.lines).padStart(5)}  ${f.file}`);
console.log(
  `longest functions (of ${functions.length}; over 60 lines: ${functions.filter((f) => f.lines > 60).length}):`,
);
for (const f of functions.slice(0, limit)) {
  console.log(`  ${String(f.lines).padStart(5)}  ${f.name}  ${f.where}`);
}

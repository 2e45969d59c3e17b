// `npm run build`: compiles the portal's USWDS theme (uswds.scss) with the `sass` package,
// copies the fonts and images the compiled CSS refers to from the @uswds/uswds package, and
// the htmx and Chart.js files the templates load. static/dist/ then holds the whole front end
// from npm, and nothing else in node_modules is collected or served. It is git-ignored;
// `make install` (so `make run` and `make test`), the Dockerfile and CI run this.
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const uswds = join(root, "node_modules", "@uswds", "uswds");
const out = join(root, "static", "dist");
// Used by templates rather than by the CSS: copied as well.
const TEMPLATE_ASSETS = ["img/usa-icons/close.svg"];
// Scripts the templates load, from their packages' dist/. Their source maps stay behind (the
// reference to one is dropped: the manifest storage would look for the file).
const VENDOR = {
  "htmx.org/dist/htmx.min.js": "vendor/htmx/htmx.min.js",
  "chart.js/dist/chart.umd.min.js": "vendor/chartjs/chart.umd.min.js",
};

const result = sass.compile(join(root, "static", "scss", "uswds.scss"), {
  loadPaths: [join(uswds, "packages")],
  style: "compressed",
  sourceMap: false,
  quietDeps: true,
});

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
writeFileSync(join(out, "uswds.css"), result.css);

// url(uswds/fonts/…) and url("uswds/img/…"): the theme paths set in uswds.scss.
const assets = new Set(TEMPLATE_ASSETS);
for (const match of result.css.matchAll(/url\(["']?uswds\/([^"')]+)["']?\)/g)) {
  assets.add(match[1]);
}
for (const asset of assets) {
  const source = join(uswds, "dist", asset);
  if (!existsSync(source)) throw new Error(`uswds.css refers to ${asset}, not in @uswds/uswds`);
  const target = join(out, "uswds", asset);
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(source, target);
}
for (const [source, target] of Object.entries(VENDOR)) {
  mkdirSync(dirname(join(out, target)), { recursive: true });
  const script = readFileSync(join(root, "node_modules", source), "utf8");
  writeFileSync(join(out, target), script.replace(/^\/\/# sourceMappingURL=.*$/m, ""));
}
console.log(
  `static/dist/uswds.css: ${Math.round(result.css.length / 1024)} KB, ${assets.size} fonts and ` +
    `images; ${Object.keys(VENDOR).length} vendor files`,
);

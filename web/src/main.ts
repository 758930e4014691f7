// The playground's entry: two pages (the computational graph, descent you can see) behind tabs.
import "./style.css";
import { mountDescentPage } from "./descent/descent-page";
import { el } from "./dom";
import { mountGraphPage } from "./graph/graph-page";

const pages = [
  { id: "graph", title: "1 · Computational graph", mount: mountGraphPage },
  { id: "descent", title: "2 · Descent you can see", mount: mountDescentPage },
] as const;

const app = document.getElementById("app")!;
const nav = el("nav", { class: "tabs", role: "tablist" });
const mounted = new Set<string>();
const sections = new Map(
  pages.map((page) => [
    page.id,
    el("section", { class: "page", testid: `page-${page.id}`, hidden: "" }),
  ]),
);

function show(id: string): void {
  const page = pages.find((candidate) => candidate.id === id) ?? pages[0];
  for (const [sectionId, section] of sections) section.hidden = sectionId !== page.id;
  for (const tab of nav.querySelectorAll("a")) {
    tab.setAttribute("aria-selected", String(tab.dataset.page === page.id));
  }
  if (!mounted.has(page.id)) {
    mounted.add(page.id);
    page.mount(sections.get(page.id)!);
  }
}

for (const page of pages) {
  const tab = el("a", { href: `#${page.id}`, role: "tab", testid: `tab-${page.id}` }, page.title);
  tab.dataset.page = page.id;
  nav.append(tab);
}
app.append(el("header", {}, el("h1", {}, "gradus playground"), nav), ...sections.values());
window.addEventListener("hashchange", () => show(location.hash.slice(1)));
show(location.hash.slice(1));

// Small DOM helpers shared by the widgets. Text always goes in as text nodes, never as markup.
const SVG_NS = "http://www.w3.org/2000/svg";

/** Create an element with attributes and children (strings become text nodes; null children are skipped). */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "class") node.className = value;
    else node.setAttribute(key, value);
  }
  for (const child of children) if (child != null) node.append(child);
  return node;
}

/** Import an engine-made SVG chart through the XML parser (never innerHTML); refuse anything scriptable. */
export function importSvg(svgText) {
  if (!svgText) return null;
  const svg = new DOMParser().parseFromString(svgText, "image/svg+xml").documentElement;
  if (svg.namespaceURI !== SVG_NS || svg.querySelector("script, foreignObject")) return null;
  return document.importNode(svg, true);
}

// @ts-check
// Small DOM helpers shared by the widgets. Text always goes in as text nodes, never as markup.
const SVG_NS = "http://www.w3.org/2000/svg";

/**
 * Create an element with attributes and children (strings become text nodes; null children are skipped).
 * @param {string} tag
 * @param {Record<string, string>} [attrs]
 * @param {...(Node | string | null | undefined)} children
 * @returns {HTMLElement}
 */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "class") node.className = value;
    else node.setAttribute(key, value);
  }
  for (const child of children) if (child != null) node.append(child);
  return node;
}

// What the engine's charts use (widgets/candor/checks/chart.py, bias_audit.bar_chart); anything else is dropped.
const SVG_ELEMENTS = new Set(["svg", "g", "title", "desc", "rect", "line", "text", "tspan"]);
const SVG_ATTRIBUTES = new Set([
  "xmlns", "class", "id", "role", "viewBox", "width", "height", "aria-labelledby", "aria-label", "aria-hidden",
  "x", "y", "x1", "y1", "x2", "y2", "dx", "dy", "text-anchor", "stroke", "stroke-width", "stroke-dasharray", "fill",
]);

/** Import an engine-made SVG chart through the XML parser (never innerHTML), keeping only the allowed parts.
 *  @param {string} svgText @returns {Element | null} */
export function importSvg(svgText) {
  if (!svgText) return null;
  const svg = new DOMParser().parseFromString(svgText, "image/svg+xml").documentElement;
  if (svg.namespaceURI !== SVG_NS || svg.localName !== "svg" || svg.getElementsByTagName("parsererror").length) return null;
  for (const node of [svg, ...svg.querySelectorAll("*")]) {
    if (node !== svg && (node.namespaceURI !== SVG_NS || !SVG_ELEMENTS.has(node.localName))) {
      node.remove(); // with its children: an unknown element's content is not the chart's
      continue;
    }
    for (const attr of [...node.attributes]) {
      if (!SVG_ATTRIBUTES.has(attr.name)) node.removeAttribute(attr.name);
    }
  }
  return document.importNode(svg, true);
}

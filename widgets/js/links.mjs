// @ts-check
// Links from a widget into the site: the site root (where this file sits in the built site) and practice links.
import { el } from "./dom.mjs";

export const SITE_ROOT = new URL("../../../", import.meta.url);

/** The address of a page of the site, from its path relative to the site root. @param {string} path */
export const siteUrl = (path) => new URL(path, SITE_ROOT).href;

/** A link to a practice ("PR-01 Title") from the engine's {id or practice, title, url}.
 *  @param {{ id?: string, practice?: string, title: string, url: string }} practice */
export function practiceLink(practice) {
  return el("a", { href: siteUrl(practice.url) }, `${practice.id ?? practice.practice} ${practice.title}`);
}

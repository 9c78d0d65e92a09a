// Renders the combined OpenAPI document with DOM calls only (no innerHTML), so the strict CSP and untrusted text stay safe.
"use strict";

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (name === "class") node.className = value; else node.setAttribute(name, value);
  }
  for (const child of children) {
    if (child !== null && child !== undefined) node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

function resolve(doc, schema, depth) {
  if (!schema || depth > 6) return schema;
  if (schema.$ref) {
    const name = schema.$ref.split("/").pop();
    return resolve(doc, (doc.components && doc.components.schemas || {})[name], depth + 1);
  }
  return schema;
}

function describe(doc, schema, depth) {
  schema = resolve(doc, schema, depth);
  if (!schema) return "any";
  if (depth > 4) return schema.type || "object";
  if (schema.type === "array" || (Array.isArray(schema.type) && schema.type.includes("array"))) {
    return [describe(doc, schema.items, depth + 1)];
  }
  if (schema.properties) {
    const out = {};
    for (const [name, prop] of Object.entries(schema.properties)) out[name] = describe(doc, prop, depth + 1);
    return out;
  }
  if (schema.enum) return schema.enum.join(" | ");
  const type = Array.isArray(schema.type) ? schema.type.join(" | ") : schema.type;
  return (type || "any") + (schema.format ? " (" + schema.format + ")" : "");
}

function operationView(doc, path, method, op) {
  const body = el("div", { class: "body" });
  if (op.description) body.append(el("p", {}, op.description));
  const params = op.parameters || [];
  if (params.length) {
    const table = el("table", {}, el("tr", {}, el("th", {}, "parameter"), el("th", {}, "in"), el("th", {}, "type"), el("th", {}, "required")));
    for (const p of params) {
      table.append(el("tr", {}, el("td", {}, p.name), el("td", {}, p.in), el("td", {}, JSON.stringify(describe(doc, p.schema, 0))), el("td", {}, p.required ? "yes" : "no")));
    }
    body.append(el("h4", {}, "Parameters"), table);
  }
  const content = op.requestBody && op.requestBody.content;
  if (content) {
    const [type, media] = Object.entries(content)[0];
    body.append(el("h4", {}, "Request body (" + type + ")"), el("pre", {}, JSON.stringify(describe(doc, media.schema, 0), null, 2)));
  }
  const responses = el("table", {}, el("tr", {}, el("th", {}, "status"), el("th", {}, "description"), el("th", {}, "body")));
  for (const [status, response] of Object.entries(op.responses || {})) {
    const media = response.content && Object.values(response.content)[0];
    responses.append(el("tr", {}, el("td", {}, status), el("td", {}, response.description || ""),
      el("td", {}, media ? el("pre", {}, JSON.stringify(describe(doc, media.schema, 0), null, 2)) : "")));
  }
  body.append(el("h4", {}, "Responses"), responses);
  const upper = method.toUpperCase();
  return el("details", { class: "op", "data-path": path },
    el("summary", {}, el("span", { class: "method " + upper }, upper), path, op.summary ? el("span", { class: "summary" }, op.summary) : null),
    body);
}

function render(doc) {
  document.getElementById("intro").textContent = (doc.info && doc.info.description) || "";
  const byTag = new Map();
  for (const [path, item] of Object.entries(doc.paths || {})) {
    for (const [method, op] of Object.entries(item)) {
      if (!["get", "post", "put", "patch", "delete", "head", "options"].includes(method)) continue;
      const tag = (op.tags && op.tags[0]) || "Other";
      if (!byTag.has(tag)) byTag.set(tag, []);
      byTag.get(tag).push([path, method, op]);
    }
  }
  const main = document.getElementById("operations");
  const nav = document.getElementById("tags");
  for (const [tag, ops] of [...byTag.entries()].sort()) {
    const id = "tag-" + tag.toLowerCase().replace(/[^a-z0-9]+/g, "-");
    nav.append(el("li", {}, el("a", { href: "#" + id }, tag)));
    const section = el("section", { class: "tag", id: id }, el("h2", {}, tag));
    for (const [path, method, op] of ops) section.append(operationView(doc, path, method, op));
    main.append(section);
  }
  if (doc["x-romapi-missing"]) {
    main.prepend(el("p", {}, "Not available right now: " + doc["x-romapi-missing"].join(", ")));
  }
  document.getElementById("filter").addEventListener("input", event => {
    const needle = event.target.value.toLowerCase();
    for (const op of document.querySelectorAll("details.op")) {
      op.hidden = needle !== "" && !op.getAttribute("data-path").toLowerCase().includes(needle);
    }
  });
}

fetch("/docs/openapi.json")
  .then(response => response.json())
  .then(render)
  .catch(error => { document.getElementById("intro").textContent = "Could not load the API description: " + error; });

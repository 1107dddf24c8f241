// The demo page: plain JS against the service's own API (GET /demo/examples, GET /demo/items,
// POST /recommend).
"use strict";

const $ = (id) => document.getElementById(id);
// A box line is "id · title"; only the id is sent, the title is there for people.
const TITLE_SEPARATOR = " · ";
const names = new Map();
let examples = [];
let last = null;

/** The ids in a box: one item per line, its title after the separator ignored; commas also separate bare ids. */
function lines(text) {
  return text.split("\n")
    .flatMap((line) => {
      const cut = line.indexOf(TITLE_SEPARATOR);
      return cut >= 0 ? [line.slice(0, cut)] : line.split(",");
    })
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

function line(itemId) {
  const name = names.get(itemId);
  return name ? itemId + TITLE_SEPARATOR + name : itemId;
}

function remember(items) {
  items.forEach((item) => { if (item.name) names.set(item.itemId, item.name); });
}

function showError(message) {
  const box = $("error");
  box.textContent = message;
  box.hidden = !message;
}

function fillExample(index) {
  const example = examples[index];
  if (!example) return;
  remember(example.behaviors);
  remember(example.candidates);
  $("behaviors").value = example.behaviors.map((b) => line(b.itemId)).join("\n");
  $("candidates").value = example.candidates.map((c) => line(c.itemId)).join("\n");
}

/** Explain is on where the bundle can show weights, and off (and fixed) where it cannot. */
function offerExplain(explainable) {
  const toggle = $("explain");
  toggle.checked = explainable;
  toggle.disabled = !explainable;
  $("explain-note").textContent = explainable ? ""
    : "This version is an imported TorchScript module: it ranks, but cannot show its attention weights.";
  $("explain-note").hidden = explainable;
}

function addTo(box, itemId) {
  const area = $(box);
  const text = area.value.replace(/\s+$/, "");
  area.value = (text ? text + "\n" : "") + line(itemId);
}

let searchTimer = null;
let searchSeq = 0;

async function search(query) {
  const seq = ++searchSeq;
  const list = $("matches");
  if (!query.trim()) {
    list.hidden = true;
    list.innerHTML = "";
    return;
  }
  const response = await fetch("demo/items?limit=20&q=" + encodeURIComponent(query));
  if (seq !== searchSeq) return; // a later keystroke has its own answer coming
  if (!response.ok) {
    showError(await problemText(response));
    return;
  }
  const matches = await response.json();
  remember(matches);
  list.innerHTML = "";
  matches.forEach((match) => {
    const item = document.createElement("li");
    item.dataset.itemId = match.itemId;
    const label = document.createElement("span");
    label.className = "label";
    label.textContent = line(match.itemId);
    label.title = label.textContent;
    item.appendChild(label);
    [["behaviors", "+ behaviour"], ["candidates", "+ candidate"]].forEach(([box, text]) => {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "add-" + box;
      button.textContent = text;
      button.addEventListener("click", () => addTo(box, match.itemId));
      item.appendChild(button);
    });
    list.appendChild(item);
  });
  if (matches.length === 0) {
    const none = document.createElement("li");
    none.textContent = "no item matches";
    list.appendChild(none);
  }
  list.hidden = false;
}

async function loadExamples() {
  try {
    const response = await fetch("demo/examples");
    if (!response.ok) throw new Error(await problemText(response));
    const body = await response.json();
    examples = body.examples;
    offerExplain(body.explainable);
    $("model").textContent = `model version ${body.modelVersion} · ${body.variant}` +
      (body.attributes.length ? ` · item attributes: ${body.attributes.join(", ")}` : "");
    const select = $("example");
    select.innerHTML = "";
    examples.forEach((example, i) => select.add(new Option(example.label, String(i))));
    fillExample(0);
  } catch (e) {
    $("model").textContent = "no model information";
    showError(String(e.message || e));
  }
}

async function problemText(response) {
  const type = response.headers.get("Content-Type") || "";
  if (type.includes("json")) {
    const problem = await response.json();
    return `${response.status} ${problem.title || ""}: ${problem.detail || ""}`.trim();
  }
  return `${response.status} ${response.statusText}`;
}

/** The request this page sends; the browser test builds the same one. */
function currentRequest() {
  return {
    behaviors: lines($("behaviors").value),
    candidates: lines($("candidates").value),
    explain: $("explain").checked,
  };
}

async function rank() {
  showError("");
  const button = $("rank");
  button.disabled = true;
  const request = currentRequest();
  const started = performance.now();
  try {
    const response = await fetch("recommend", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(request),
    });
    const roundTrip = performance.now() - started;
    if (!response.ok) {
      $("ranking").hidden = true;
      $("explanation").hidden = true;
      $("summary").textContent = "";
      showError(await problemText(response));
      return;
    }
    last = await response.json();
    last.explained = request.explain;
    remember(last.items);
    $("summary").textContent = `model version ${last.modelVersion} (${last.variant}) · ` +
      `${last.tookMs.toFixed(1)} ms in the service, ${roundTrip.toFixed(1)} ms round trip`;
    renderRanking();
    if (last.explained) {
      select(0);
    } else {
      $("explanation").hidden = true;
    }
  } catch (e) {
    showError(String(e.message || e));
  } finally {
    button.disabled = false;
  }
}

function renderRanking() {
  const body = $("ranking").querySelector("tbody");
  body.innerHTML = "";
  last.items.forEach((item, i) => {
    const row = body.insertRow();
    row.dataset.itemId = item.itemId;
    row.insertCell().textContent = item.rank;
    row.insertCell().textContent = item.itemId;
    row.insertCell().textContent = item.name || "";
    const score = row.insertCell();
    score.className = "score";
    score.textContent = item.score.toFixed(4);
    score.dataset.score = String(item.score);
    row.addEventListener("click", () => { if (last.explained) select(i); });
  });
  // Bundles without display names leave the column out.
  $("ranking").classList.toggle("no-names", !last.items.some((item) => item.name));
  $("ranking").hidden = false;
}

function select(index) {
  const item = last.items[index];
  if (!item) return;
  document.querySelectorAll("#ranking tbody tr").forEach((row, i) => row.classList.toggle("selected", i === index));
  $("selected").textContent = item.name ? `${item.itemId} (${item.name})` : item.itemId;
  $("weight-kind").textContent = last.attentionWeights;
  const heat = $("heat");
  heat.innerHTML = "";
  // A diverging scale: raw weights can be negative, and a negative weight subtracts its behaviour
  // from the interest, which matters as much as a positive one; white is zero.
  const largest = Math.max(...(item.attention || []).map((a) => Math.abs(a.weight)), 0);
  (item.attention || []).forEach((a) => {
    const strength = largest > 0 ? Math.abs(a.weight) / largest : 0;
    const tone = a.weight < 0 ? "negative" : "positive";
    const cell = document.createElement("div");
    cell.className = "cell " + tone;
    cell.dataset.itemId = a.itemId;
    cell.dataset.weight = String(a.weight);
    cell.dataset.tone = tone;
    const rgb = tone === "negative" ? "41, 98, 204" : "192, 57, 43";
    cell.style.background = `rgba(${rgb}, ${(0.82 * strength).toFixed(3)})`;
    cell.style.color = strength > 0.55 ? "#fff" : "inherit";
    cell.title = `${a.itemId}${a.name ? " " + a.name : ""}: ${a.weight}`;
    cell.innerHTML = `<span class="id"></span><span class="name"></span><span class="w"></span>`;
    cell.querySelector(".id").textContent = a.itemId;
    cell.querySelector(".name").textContent = a.name || "";
    cell.querySelector(".w").textContent = a.weight.toFixed(3);
    heat.appendChild(cell);
  });
  if (!item.attention || item.attention.length === 0) {
    heat.textContent = last.attentionWeights === "none"
      ? "This variant uses no history: nothing to weigh." : "No behaviours were sent.";
  }
  $("explanation").hidden = false;
}

$("example").addEventListener("change", (e) => fillExample(Number(e.target.value)));
$("rank").addEventListener("click", rank);
$("search").addEventListener("input", (e) => {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(() => search(e.target.value).catch((err) => showError(String(err.message || err))), 150);
});
loadExamples();

// The demo page: plain JS against the service's own API (GET /demo/examples, POST /recommend).
"use strict";

const $ = (id) => document.getElementById(id);
let examples = [];
let last = null;

function lines(text) {
  return text.split(/[\n,]/).map((s) => s.trim()).filter((s) => s.length > 0);
}

function showError(message) {
  const box = $("error");
  box.textContent = message;
  box.hidden = !message;
}

function fillExample(index) {
  const example = examples[index];
  if (!example) return;
  $("behaviors").value = example.behaviors.map((b) => b.itemId).join("\n");
  $("candidates").value = example.candidates.map((c) => c.itemId).join("\n");
}

async function loadExamples() {
  try {
    const response = await fetch("demo/examples");
    if (!response.ok) throw new Error(await problemText(response));
    const body = await response.json();
    examples = body.examples;
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
  return { behaviors: lines($("behaviors").value), candidates: lines($("candidates").value), explain: true };
}

async function rank() {
  showError("");
  const button = $("rank");
  button.disabled = true;
  const started = performance.now();
  try {
    const response = await fetch("recommend", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(currentRequest()),
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
    $("summary").textContent = `model version ${last.modelVersion} (${last.variant}) · ` +
      `${last.tookMs.toFixed(1)} ms in the service, ${roundTrip.toFixed(1)} ms round trip`;
    renderRanking();
    select(0);
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
    row.addEventListener("click", () => select(i));
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
  const weights = (item.attention || []).map((a) => a.weight);
  const low = Math.min(...weights, 0);
  const high = Math.max(...weights, 0);
  (item.attention || []).forEach((a) => {
    const strength = high > low ? (a.weight - low) / (high - low) : 0;
    const cell = document.createElement("div");
    cell.className = "cell";
    cell.dataset.itemId = a.itemId;
    cell.dataset.weight = String(a.weight);
    cell.style.background = `rgba(192, 57, 43, ${(0.08 + 0.82 * strength).toFixed(3)})`;
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
loadExamples();

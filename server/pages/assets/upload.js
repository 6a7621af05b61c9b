// The upload page: one request per file (so each file has its own progress bar and its own answer),
// three at a time; the batch shares an id, so its issues can be downloaded together.
const csrf = document.querySelector('meta[name="csrf-token"]').content;
const form = document.getElementById("upload-form");
const input = document.getElementById("files");
const zone = document.getElementById("drop-zone");
const list = document.getElementById("file-list");
const batchSection = document.getElementById("batch");
const batchBar = document.getElementById("batch-progress");
const batchCount = document.getElementById("batch-count");
const batchSummary = document.getElementById("batch-summary");
const batchIssues = document.getElementById("batch-issues");
const dashboards = document.getElementById("dashboards");

const STATUS = {
  accepted: ["принят", "accepted"],
  accepted_with_remarks: ["принят с замечаниями", "accepted_with_remarks"],
  rejected: ["отклонён", "rejected"],
  already_loaded: ["уже был загружен — ничего не изменено", "already_loaded"]
};
const SEVERITY = {error: "ошибка", warning: "замечание", info: "сведения"};
const RANK = {error: 0, warning: 1, info: 2};

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") node.className = v; else if (k === "text") node.textContent = v; else node.setAttribute(k, v);
  }
  for (const c of children) if (c !== null && c !== undefined) node.append(c);
  return node;
}

function plural(n, one, few, many) {
  const m10 = n % 10, m100 = n % 100;
  if (m10 === 1 && m100 !== 11) return one;
  if (m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14)) return few;
  return many;
}

function worstFirst(a, b) {
  return RANK[a.severity] - RANK[b.severity] || (a.sheet ?? "").localeCompare(b.sheet ?? "") || (a.row ?? 0) - (b.row ?? 0) || (a.column ?? 0) - (b.column ?? 0);
}

function issuesTable(issues) {
  const body = el("tbody");
  for (const i of [...issues].sort(worstFirst)) {
    body.append(el("tr", {class: `sev-${i.severity}`},
      el("td", {text: SEVERITY[i.severity]}), el("td", {text: i.sheet ?? "—"}), el("td", {text: i.cell ?? "—"}),
      el("td", {class: "value", text: i.value ?? ""}), el("td", {text: (i.school ? i.school + ": " : "") + i.message})));
  }
  return el("table", {class: "issues"},
    el("thead", {}, el("tr", {}, el("th", {text: "Важность"}), el("th", {text: "Лист"}), el("th", {text: "Ячейка"}),
      el("th", {text: "Значение"}), el("th", {text: "Что не так"}))), body);
}

let batchId = null, total = 0, done = 0;
const counts = {accepted: 0, accepted_with_remarks: 0, rejected: 0, already_loaded: 0};

function updateBatch() {
  batchBar.max = total;
  batchBar.value = done;
  batchCount.textContent = `${done} из ${total}`;
  batchSummary.textContent = `Принято: ${counts.accepted}, с замечаниями: ${counts.accepted_with_remarks}, отклонено: ${counts.rejected}` +
    (counts.already_loaded ? `, уже были загружены: ${counts.already_loaded}` : "") + ".";
  if (done > 0) {
    batchIssues.href = `/api/batches/${encodeURIComponent(batchId)}/issues.xlsx`;
    batchIssues.hidden = false;
  }
}

// Small files go several to a request (issue 13 §5): the server stores the files it has parsed
// together in one transaction, so files that arrive together are stored at a fraction of the cost
// each. A request carries at most GROUP_FILES files and GROUP_BYTES bytes (a larger file goes
// alone); REQUESTS_AT_ONCE requests are in flight. Each file still gets its own answer.
const GROUP_FILES = 8;
const GROUP_BYTES = 2 * 1024 * 1024;
const REQUESTS_AT_ONCE = 3;

/** The next files to send together, taken from the front of the queue. */
function nextGroup(queue) {
  const group = [];
  let bytes = 0;
  while (queue.length && group.length < GROUP_FILES && (group.length === 0 || bytes + queue[0].file.size <= GROUP_BYTES)) {
    const job = queue.shift();
    bytes += job.file.size;
    group.push(job);
  }
  return group;
}

function send(jobs, retries = 0) {
  return new Promise((resolve) => {
    const data = new FormData();
    for (const {file} of jobs) data.append("file", file, file.name);
    const params = new URLSearchParams({batch: batchId});
    const period = form.elements.period.value.trim();
    const schoolYear = form.elements.schoolYear ? form.elements.schoolYear.value : "";
    const wave = form.elements.wave ? form.elements.wave.value : "";
    const school = form.elements.school ? form.elements.school.value : "";
    if (period) params.set("period", period);
    if (schoolYear) params.set("schoolYear", schoolYear);
    if (wave) params.set("wave", wave);
    if (school) params.set("school", school);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/uploads?${params}`);
    xhr.setRequestHeader("X-CSRF-Token", csrf);
    xhr.setRequestHeader("Accept", "application/json");
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) for (const {item} of jobs) item.bar.value = Math.min(0.9, (e.loaded / e.total) * 0.9);
    };
    xhr.upload.onload = () => { for (const {item} of jobs) item.state.textContent = "проверяется…"; };
    xhr.onload = () => {
      let answer = null;
      try { answer = JSON.parse(xhr.responseText); } catch { /* shown below */ }
      if (xhr.status === 503 && retries < 20) {
        // The server is busy: it says when to come back; the files wait and are sent again.
        const seconds = Math.max(1, Math.min(120, Number(xhr.getResponseHeader("Retry-After")) || 5));
        for (const {item} of jobs) {
          item.bar.value = 0;
          item.state.textContent = `сервер занят, повторю через ${seconds} с`;
        }
        setTimeout(() => send(jobs, retries + 1).then(resolve), seconds * 1000);
        return;
      }
      if (xhr.status === 200 && answer?.files?.length) {
        // One answer per file, in the order sent (and one more for files over the server's limit).
        answer.files.forEach((o, n) => show(jobs[n] ? jobs[n].item : add(o.file), o));
        for (const {item} of jobs.slice(answer.files.length)) fail(item, "Сервер не ответил об этом файле: загрузите его снова.");
      } else {
        const message = answer?.error ? answer.error.charAt(0).toUpperCase() + answer.error.slice(1) : `Сервер ответил ошибкой ${xhr.status}.`;
        for (const {item} of jobs) fail(item, message);
      }
      resolve();
    };
    xhr.onerror = () => {
      for (const {item} of jobs) fail(item, "Нет связи с сервером: файл не загружен. Проверьте, что сервер запущен, и загрузите файл снова.");
      resolve();
    };
    xhr.send(data);
  });
}

function add(name) {
  const bar = el("progress", {max: "1", value: "0"});
  const state = el("span", {class: "state", text: "в очереди"});
  const details = el("div", {class: "details"});
  const li = el("li", {class: "file"}, el("div", {class: "file-head"}, el("span", {class: "name", text: name}), bar, state), details);
  list.append(li);
  return {li, bar, state, details};
}

function show(item, o) {
  const [label, cls] = STATUS[o.status];
  item.bar.value = 1;
  item.li.classList.add(cls);
  item.li.dataset.status = o.status;
  const n = o.issues.length;
  item.state.textContent = label + (o.status === "already_loaded" ? "" : `: ${n} ${plural(n, "замечание", "замечания", "замечаний")}`);
  const facts = [];
  if (o.period) facts.push(`квартал ${o.period}`);
  if (o.uploadId) facts.push(`загрузка № ${o.uploadId}`);
  if (o.sameAs) facts.push(`те же байты, что в загрузке № ${o.sameAs}`);
  if (o.replaces?.length) facts.push(`заменяет загрузку № ${o.replaces.join(", ")}`);
  if (facts.length) item.details.append(el("p", {class: "facts", text: facts.join(" · ")}));
  if (n) {
    item.details.append(issuesTable(o.issues));
    if (o.uploadId) item.details.append(el("p", {}, el("a", {class: "button", href: `/api/uploads/${o.uploadId}/issues.xlsx`, text: "Скачать замечания (XLSX)"})));
  }
  counts[o.status]++;
  done++;
  updateBatch();
}

function fail(item, message) {
  item.bar.value = 1;
  item.li.classList.add("rejected");
  item.li.dataset.status = "failed";
  item.state.textContent = "не загружен";
  item.details.append(el("p", {class: "error", text: message}));
  counts.rejected++;
  done++;
  updateBatch();
}

async function upload(files) {
  if (!files.length) return;
  batchId = crypto.randomUUID();
  total = files.length; done = 0;
  for (const k of Object.keys(counts)) counts[k] = 0;
  list.replaceChildren();
  batchIssues.hidden = true;
  batchSection.hidden = false;
  updateBatch();
  const queue = files.map((f) => ({file: f, item: add(f.name)}));
  const worker = async () => { for (let jobs; (jobs = nextGroup(queue)).length;) await send(jobs); };
  await Promise.all(Array.from({length: REQUESTS_AT_ONCE}, worker));
  pollDashboards();
}

let polling = false;
async function pollDashboards() {
  if (polling) return;
  polling = true;
  for (;;) {
    try {
      const s = await (await fetch("/api/status", {headers: {Accept: "application/json"}})).json();
      dashboards.textContent = s.dashboards.message;
      dashboards.dataset.state = s.dashboards.state;
      if (s.dashboards.state === "up-to-date" || s.dashboards.state === "failed") break;
    } catch { /* the next poll tells */ }
    await new Promise((r) => setTimeout(r, 1500));
  }
  polling = false;
}

// The school picker: the directory's schools by municipality (for files that name no school).
async function fillSchools() {
  try {
    const picker = form.elements.school;
    if (!picker) return; // a school's own account: the server fixes her school
    const {schools} = await (await fetch("/api/directory", {headers: {Accept: "application/json"}})).json();
    const groups = new Map();
    for (const s of schools.filter((x) => x.open)) {
      if (!groups.has(s.municipality)) groups.set(s.municipality, el("optgroup", {label: s.municipality}));
      groups.get(s.municipality).append(el("option", {value: String(s.id), text: s.name}));
    }
    picker.append(...groups.values());
  } catch { /* without the list, files must name their school */ }
}
fillSchools();

input.addEventListener("change", () => { upload([...input.files]); input.value = ""; });
for (const type of ["dragenter", "dragover"]) zone.addEventListener(type, (e) => { e.preventDefault(); zone.classList.add("over"); });
for (const type of ["dragleave", "drop"]) zone.addEventListener(type, () => zone.classList.remove("over"));
zone.addEventListener("drop", (e) => { e.preventDefault(); upload([...e.dataTransfer.files]); });
form.addEventListener("submit", (e) => e.preventDefault());
pollDashboards();

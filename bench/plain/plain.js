// At 1 mg/mL the draw in mL equals the dose in mg; shown with ISMP rules.
const input = document.getElementById('dose');
const out = document.querySelector('[data-testid=draw-volume]');
function update() {
  const text = input.value.trim().replace(',', '.');
  const ok = /^(\d+\.?\d*|\.\d+)$/.test(text);
  out.textContent = ok ? `${String(Number(Number(text).toFixed(3)))}\u00a0mL` : 'enter a number';
}
input.addEventListener('input', update);
update();
const root = document.getElementById('app');
root.dataset.ready = 'true';
performance.mark('ldn-ready');

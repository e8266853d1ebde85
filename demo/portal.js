// The demo portal's page script (a file, not inline, so the page runs under a CSP without 'unsafe-inline').
// What a real portal does: its backend signs a token for the signed-in staff member. The demo's
// dev token endpoint stands in for that backend, and the switcher stands in for signing in.
const params = new URLSearchParams(location.search);
const staff = await (await fetch('/demo/staff.json')).json();
const acting = staff.find((s) => s.id === params.get('as')) ?? staff[0];

const select = document.getElementById('acting-as');
for (const s of staff) select.add(new Option(`${s.full_name} · ${s.department}`, s.id, false, s.id === acting.id));
select.addEventListener('change', () => {
  params.set('as', select.value);
  location.search = params.toString();
});
document.getElementById('greeting').textContent = `Good morning, ${acting.full_name.split(' ')[0]}`;
if (params.has('compact')) document.body.classList.add('compact');

const chat = document.querySelector('staff-chat');
await customElements.whenDefined('staff-chat');
chat.tokenProvider = async () => {
  const response = await fetch('/api/staff_chat/dev/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ hotel: 'seaview', staff_id: acting.id }),
  });
  if (!response.ok) throw new Error(`dev token: HTTP ${response.status}`);
  return (await response.json()).token;
};
if (params.has('debug')) chat.setAttribute('debug', '');
if (params.has('inline')) chat.setAttribute('layout', 'inline');

// The side-by-side page's script: one portal frame per colleague.
const people = ['anna', 'carla', 'erik', 'ben'];
const params = new URLSearchParams(location.search);
const select = document.getElementById('count');
select.value = params.get('n') ?? '2';
const render = () => {
  const frames = document.getElementById('frames');
  frames.replaceChildren(
    ...people.slice(0, Number(select.value)).map((id) => {
      const frame = document.createElement('iframe');
      frame.src = `/?as=${id}&inline&compact`;
      frame.title = `Portal signed in as ${id}`;
      return frame;
    }),
  );
  frames.style.setProperty('--columns', select.value);
};
select.addEventListener('change', () => {
  params.set('n', select.value);
  history.replaceState(null, '', `?${params}`);
  render();
});
render();

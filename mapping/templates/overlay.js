// The map's own behaviour, after folium's script has defined the map and its layers.
// Everything that came from a seed is read from the JSON data block (#tm-data) and was
// HTML-escaped when the page was built; nothing here turns data into code.
(function () {
  'use strict';
  const data = JSON.parse(document.getElementById('tm-data').textContent);
  const map = window[data.layers.map];
  const provinces = window[data.layers.provinces];
  const t = data.timeline;
  const printing = /[?&]print\b/.test(location.search);
  const narrow = window.matchMedia('(max-width: 600px)').matches && !printing;
  const hovers = window.matchMedia('(hover: hover) and (pointer: fine)').matches;
  let current = t ? t.dates.length - 1 : 0;
  if (printing) document.documentElement.classList.add('tm-print');

  function text(s) {
    const d = document.createElement('div');
    d.textContent = s;
    return d.innerHTML;
  }
  function when(i) {
    return (t ? t.dates[i] : data.latest).replace('T', ' ') || 'undated';
  }
  function isLatest() { return !t || current === t.dates.length - 1; }
  function statusOf(pid) {
    return t ? t.status[pid][current] : provinces.getLayers().find(
      function (s) { return s.feature.id === pid; }).feature.properties.status;
  }
  function asOf(pid) {      // what the slider shows, said first in tooltip and panel
    if (isLatest()) return '';
    return "<div class='tm-asof'>As of <b>" + text(when(current)) + '</b>: <b>' +
      text(data.labels[t.status[pid][current]]) + '</b>' +
      (t.violence[pid][current] ? ', violence reported' : '') +
      '<br><i>Below: the latest state and all evidence.</i></div>';
  }

  // ---- our boxes, in Leaflet's control corners so they stack and never cover each other
  function place(id, position) {
    const el = document.getElementById(id);
    if (!el) return;
    const Box = L.Control.extend({onAdd: function () {
      L.DomEvent.disableClickPropagation(el);
      L.DomEvent.disableScrollPropagation(el);
      return el;
    }});
    new Box({position: position}).addTo(map);
  }
  place('tm-title', 'topleft');
  place('tm-time', 'topleft');
  place('tm-legend', 'bottomleft');
  place('tm-credits', 'bottomright');
  const legend = document.getElementById('tm-legend');
  legend.open = !narrow;
  const overlays = {'Provinces': provinces, 'Towns': window[data.layers.towns],
                    'Names': window[data.layers.names],
                    'Conflicting reports': window[data.layers.conflicts]};
  if (data.layers.tiles) overlays['Basemap (online)'] = window[data.layers.tiles];
  L.control.layers(null, overlays, {collapsed: narrow}).addTo(map);

  // ---- the panel a province or town opens (a bottom sheet on narrow screens)
  const panel = document.getElementById('tm-panel');
  const panelBody = document.getElementById('tm-panel-body');
  const closeBtn = document.getElementById('tm-panel-close');
  let opener = null;
  const panelTitle = document.getElementById('tm-panel-title');
  function openPanel(html, from, name) {
    panelTitle.textContent = name ? 'Details: ' + name : 'Details';
    map.eachLayer(function (l) { if (l.closeTooltip) l.closeTooltip(); });
    panelBody.innerHTML = html;
    panel.hidden = false;
    panel.scrollTop = 0;
    opener = from || null;
    closeBtn.focus({preventScroll: true});
  }
  function closePanel() {
    if (panel.hidden) return;
    panel.hidden = true;
    if (opener && opener.focus) opener.focus({preventScroll: true});
  }
  closeBtn.addEventListener('click', closePanel);
  document.addEventListener('keydown', function (e) { if (e.key === 'Escape') closePanel(); });
  map.on('click', closePanel);

  // ---- provinces: tooltip on hover (mouse only), panel on click, tap or Enter
  function provinceName(pid) { return data.provinces[pid].name; }
  function describe(shape) {
    const pid = shape.feature.id;
    if (!shape._path) return;
    const status = statusOf(pid);
    shape._path.setAttribute('data-status', status);
    shape._path.setAttribute('aria-label', provinceName(pid) + ': ' + data.labels[status] +
      (isLatest() ? '' : ' (as of ' + when(current) + ')'));
  }
  provinces.eachLayer(function (shape) {
    const pid = shape.feature.id;
    const tips = data.provinces[pid];
    const open = function () { openPanel(asOf(pid) + tips.popup, shape._path, tips.name); };
    if (hovers) {
      shape.bindTooltip(function () { return asOf(pid) + tips.tip; },
                        {sticky: true, className: 'tm-tip'});
    }
    shape.on('click', function (e) { L.DomEvent.stopPropagation(e); open(); });
    if (shape._path) {
      shape._path.setAttribute('tabindex', '0');
      shape._path.setAttribute('role', 'button');
      shape._path.addEventListener('keydown', function (e) {
        if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); open(); }
      });
    }
    describe(shape);
  });

  // ---- towns and conflict marks
  function icon(html, size, cls) {
    return L.divIcon({html: html, className: cls || 'empty', iconSize: [size, size],
                      iconAnchor: [size / 2, size / 2]});
  }
  function townIcon(status) {
    const colour = status === 'violence' ? data.outline :
      status === 'mentioned' ? '#444444' : data.colors[status];
    return icon("<div class='tm-town' style='color:" + colour + "' data-status='" +
      text(status) + "'>" + text(data.symbols[status] || '\u25cb') + '</div>', 16);
  }
  const townLayer = window[data.layers.towns];
  const townMarkers = {};
  data.towns.forEach(function (town) {
    const m = L.marker([town.lat, town.lon], {icon: townIcon(town.status), keyboard: true,
                                              title: town.name, alt: town.name});
    if (hovers) m.bindTooltip(town.tip, {sticky: true, className: 'tm-tip'});
    m.on('click', function (e) {
      L.DomEvent.stopPropagation(e);
      openPanel(town.popup, m.getElement(), town.name);
    });
    m.addTo(townLayer);
    townMarkers[town.id] = {marker: m, town: town};
    labelMarker(m, town.name + ': ' + data.labels[town.status]);
  });
  function labelMarker(m, label) {
    const el = m.getElement();
    if (el) { el.setAttribute('aria-label', label); el.setAttribute('role', 'button'); }
  }
  data.conflicts.forEach(function (c) {
    const m = L.marker([c.lat, c.lon], {icon: icon(
      "<div class='tm-conflict' title='conflicting reports'>&#9888;</div>", 18),
      title: 'Conflicting reports'});
    if (hovers) m.bindTooltip(c.tip, {sticky: true, className: 'tm-tip'});
    m.on('click', function (e) {
      L.DomEvent.stopPropagation(e);
      openPanel(c.tip, m.getElement(), 'conflicting reports');
    });
    m.addTo(window[data.layers.conflicts]);
  });

  // ---- province names: the largest first; a name that would overlap another name or a
  // box takes its short form, else is left out at this zoom
  const labelLayer = window[data.layers.names];
  const labels = Object.keys(data.provinces).sort(function (a, b) {
    return data.provinces[b].area - data.provinces[a].area || (a < b ? -1 : 1);
  }).map(function (pid) {
    const p = data.provinces[pid];
    const m = L.marker([p.lat, p.lon], {icon: icon("<span>" + text(p.name) + '</span>', 0,
      'tm-label'), interactive: false, keyboard: false}).addTo(labelLayer);
    return {pid: pid, marker: m};
  });
  function rect(el, pad) {
    const r = el.getBoundingClientRect();
    return {l: r.left - pad, r: r.right + pad, t: r.top - pad, b: r.bottom + pad};
  }
  function overlaps(a, b) { return a.l < b.r && b.l < a.r && a.t < b.b && b.t < a.b; }
  function tintLabels() {       // white names with a dark halo on dark fills
    labels.forEach(function (lab) {
      const el = lab.marker.getElement();
      if (el) el.classList.toggle('tm-on-dark', data.dark.indexOf(statusOf(lab.pid)) >= 0);
    });
  }
  function layoutLabels() {
    if (!map.hasLayer(labelLayer)) return;
    const frame = rect(map.getContainer(), 0);
    const taken = Array.prototype.map.call(
      map.getContainer().querySelectorAll('.leaflet-control'), function (el) { return rect(el, 2); });
    const marks = Array.prototype.map.call(
      map.getContainer().querySelectorAll('.tm-town, .tm-conflict'), function (el) { return rect(el, 1); });
    labels.forEach(function (lab) {
      const span = lab.marker.getElement().firstChild;
      const p = data.provinces[lab.pid];
      span.classList.remove('tm-hidden');
      for (const name of [p.name, p.short]) {
        span.textContent = name;
        for (const dy of [0, 16, -16]) {      // beside a town marker rather than on it
          span.style.marginTop = dy + 'px';
          const r = rect(span, 1);
          const inside = r.l >= frame.l && r.r <= frame.r && r.t >= frame.t && r.b <= frame.b;
          const onMark = marks.some(function (o) { return overlaps(r, o); });
          if (inside && !onMark && !taken.some(function (o) { return overlaps(r, o); })) {
            taken.push(r);
            return;
          }
          if (!onMark) break;                  // moved only off a marker, never elsewhere
        }
      }
      span.classList.add('tm-hidden');
    });
  }
  map.on('zoomend moveend resize overlayadd', layoutLabels);
  legend.addEventListener('toggle', layoutLabels);

  // ---- time: the slider steps through every report time, recolours provinces, moves
  // town markers, says its date and keeps it in the address (map.html#2021-08-10)
  const asofBox = document.getElementById('tm-asof');
  function show(i) {
    current = i;
    asofBox.textContent = when(i);
    if (!t) return;
    document.getElementById('tm-time-label').textContent =
      'as of ' + when(i) + (isLatest() ? ' (latest)' : '');
    document.getElementById('tm-time-range').value = String(i);
    provinces.eachLayer(function (shape) {
      const pid = shape.feature.id;
      const violent = t.violence[pid][i];
      shape.setStyle({fillColor: data.colors[t.status[pid][i]],
                      color: violent ? data.outline : data.border, weight: violent ? 3 : 0.8,
                      dashArray: violent ? '6 4' : null});
      describe(shape);
    });
    tintLabels();
    Object.keys(townMarkers).forEach(function (id) {
      const entry = townMarkers[id];
      const status = (t.towns[id] || [])[i] || '';
      if (!status) { townLayer.removeLayer(entry.marker); return; }
      entry.marker.setIcon(townIcon(status));
      if (!townLayer.hasLayer(entry.marker)) entry.marker.addTo(townLayer);
      labelMarker(entry.marker, entry.town.name + ': ' + data.labels[status] +
                  (isLatest() ? '' : ' (as of ' + when(i) + ')'));
    });
  }
  function remember(i) {
    try { history.replaceState(null, '', '#' + t.dates[i]); } catch (e) { /* sandboxed frame */ }
  }
  function fromAddress() {
    const want = decodeURIComponent(location.hash.slice(1));
    if (!t || !/^\d{4}-\d\d-\d\d/.test(want)) return null;
    let found = 0;
    t.dates.forEach(function (d, i) { if (d.slice(0, want.length) <= want) found = i; });
    return found;
  }
  if (t) {
    const range = document.getElementById('tm-time-range');
    const play = document.getElementById('tm-play');
    let timer = null;
    function stop() {
      clearInterval(timer);
      timer = null;
      play.innerHTML = '&#9654;';
      play.setAttribute('aria-label', 'Play');
      play.title = 'Play';
    }
    function step() {
      if (current < t.dates.length - 1) {
        show(current + 1);
        remember(current);
      }
      if (current >= t.dates.length - 1) stop();
    }
    play.addEventListener('click', function () {
      if (timer) { stop(); return; }
      if (isLatest()) show(0);
      remember(current);
      play.innerHTML = '&#10074;&#10074;';
      play.setAttribute('aria-label', 'Pause');
      play.title = 'Pause';
      timer = setInterval(step, 1200);
    });
    range.addEventListener('input', function (e) {
      show(parseInt(e.target.value, 10));
      remember(current);
    });
    window.addEventListener('hashchange', function () {
      const i = fromAddress();
      if (i !== null && i !== current) show(i);
    });
    const start = fromAddress();
    if (start !== null) show(start);
  }
  // ---- the whole country in view, beside the open legend rather than under it
  function fit() {
    const left = legend.open ? legend.getBoundingClientRect().right + 4 : 8;
    map.fitBounds(provinces.getBounds(), {paddingTopLeft: [left, 8],
                                          paddingBottomRight: [8, 8], animate: false});
  }
  fit();
  show(current);
  tintLabels();
  layoutLabels();
  window.tmLayoutLabels = layoutLabels;      // for the screenshot tool, after a resize
})();

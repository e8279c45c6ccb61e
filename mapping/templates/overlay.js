// The map's own behaviour, after folium's script has defined the layers. Everything that
// came from a seed is read from the JSON data block (#tm-data) and was HTML-escaped when
// the page was built; nothing here turns data into code.
(function () {
  'use strict';
  const data = JSON.parse(document.getElementById('tm-data').textContent);
  const provinces = window[data.layers.provinces];
  let current = data.timeline ? data.timeline.dates.length - 1 : 0;

  function text(s) {
    const d = document.createElement('div');
    d.textContent = s;
    return d.innerHTML;
  }
  function isLatest() {
    return !data.timeline || current === data.timeline.dates.length - 1;
  }
  function asOf(pid) {      // what the slider shows, said first in tooltip and popup
    if (isLatest()) return '';
    const t = data.timeline;
    return "<div class='tm-asof'>As of <b>" + text(t.dates[current]) + '</b>: <b>' +
      text(data.labels[t.status[pid][current]]) + '</b>' +
      (t.violence[pid][current] ? ', violence reported' : '') +
      '<br><i>Below: the latest state and all evidence.</i></div>';
  }

  provinces.eachLayer(function (shape) {
    const pid = shape.feature.id;
    const tips = data.provinces[pid];
    if (shape._path) shape._path.setAttribute('data-status', shape.feature.properties.status);
    shape.bindTooltip(function () { return asOf(pid) + tips.tip; }, {sticky: true});
    shape.bindPopup(function () { return asOf(pid) + tips.popup; }, {maxWidth: 480});
  });

  function marker(lat, lon, html, size) {
    return L.marker([lat, lon], {icon: L.divIcon({html: html, className: 'empty',
      iconSize: [size, size], iconAnchor: [size / 2, size / 2]})});
  }
  data.towns.forEach(function (t) {
    const html = "<div class='tm-town' style='color:" + t.color + "' data-status='" +
      text(t.status) + "'>" + text(t.symbol) + '</div>';
    marker(t.lat, t.lon, html, 16).bindTooltip(t.tip, {sticky: true})
      .bindPopup(t.popup, {maxWidth: 460}).addTo(window[data.layers.towns]);
  });
  data.conflicts.forEach(function (c) {
    marker(c.lat, c.lon, "<div class='tm-conflict' title='conflicting reports'>&#9888;</div>", 18)
      .bindTooltip(c.tip, {sticky: true}).addTo(window[data.layers.conflicts]);
  });

  if (!data.timeline) return;
  const t = data.timeline;
  const label = document.getElementById('tm-time-label');
  function show(i) {
    current = i;
    label.textContent = 'as of ' + t.dates[i] + (isLatest() ? ' (latest)' : '');
    provinces.eachLayer(function (shape) {
      const pid = shape.feature.id;
      const violent = t.violence[pid][i];
      shape.setStyle({fillColor: data.colors[t.status[pid][i]],
                      color: violent ? data.outline : '#555555', weight: violent ? 3 : 0.8,
                      dashArray: violent ? '6 4' : null});
      if (shape._path) shape._path.setAttribute('data-status', t.status[pid][i]);
    });
  }
  document.getElementById('tm-time-range').addEventListener('input', function (e) {
    show(parseInt(e.target.value, 10));
  });
})();

// The venue map. The page works without it: the list holds every venue. This small
// file only shows the "show on the map" button; Leaflet, its stylesheet and the tiles
// load when someone presses it, so the page itself stays light. The venues come from a
// json_script element; their names only ever reach the page as text.
(function () {
  "use strict";

  var root = document.querySelector("[data-venue-map]");
  if (!root) { return; }
  var options = root.dataset;
  var button = root.querySelector(".venue-map-toggle");
  var canvas = root.querySelector(".venue-map-canvas");
  var status = root.querySelector(".venue-map-error");
  var venues = JSON.parse(document.getElementById("venue-map-markers").textContent);
  var PIN = '<svg viewBox="0 0 30 40" aria-hidden="true" focusable="false">' +
    '<path d="M15 1.5C7.5 1.5 1.5 7.4 1.5 14.8 1.5 25 15 38.5 15 38.5S28.5 25 28.5 14.8' +
    'C28.5 7.4 22.5 1.5 15 1.5z"/><circle cx="15" cy="14.5" r="5"/></svg>';
  var map = null;
  var loading = null;

  function load(tag, attributes) {
    return new Promise(function (resolve, reject) {
      var element = Object.assign(document.createElement(tag), attributes);
      element.onload = resolve;
      element.onerror = reject;
      document.head.appendChild(element);
    });
  }

  function loadLeaflet() {
    loading = loading || Promise.all([
      load("link", { rel: "stylesheet", href: options.leafletCss }),
      load("link", { rel: "stylesheet", href: options.mapCss }),
      load("script", { src: options.leafletJs })
    ]);
    return loading;
  }

  function credit() {
    var element = document.createElement(options.attributionUrl ? "a" : "span");
    element.textContent = options.attribution;
    if (options.attributionUrl) { element.href = options.attributionUrl; }
    return element.outerHTML;
  }

  function pin(venue) {
    var html = document.createElement("span");
    var name = document.createElement("span");
    html.innerHTML = PIN;
    name.className = "visually-hidden";
    name.textContent = venue.name;
    html.appendChild(name);
    return L.divIcon({
      html: html, className: "venue-map-pin",
      iconSize: [30, 40], iconAnchor: [15, 40], popupAnchor: [0, -36]
    });
  }

  function popup(venue) {
    var content = document.createElement("p");
    var name = document.createElement(venue.url === location.pathname ? "strong" : "a");
    name.textContent = venue.name;
    name.dir = "auto";
    if (name.tagName === "A") { name.href = venue.url; }
    content.appendChild(name);
    return content;
  }

  function addMarker(venue, rtl) {
    // The popup keeps clear of the zoom buttons (on the start side) and fits a phone.
    var clear = [60, 10];
    var marker = L.marker([venue.lat, venue.lng], {
      icon: pin(venue), title: venue.name, riseOnHover: true
    }).bindPopup(popup(venue), {
      maxWidth: 190,
      autoPanPaddingTopLeft: rtl ? [10, 10] : clear,
      autoPanPaddingBottomRight: rtl ? clear : [10, 10]
    }).addTo(map);
    var icon = marker.getElement();
    // Leaflet makes the marker a button that opens on Enter; buttons open on Space too.
    icon.addEventListener("keydown", function (event) {
      if (event.key === " ") { event.preventDefault(); marker.openPopup(); }
    });
    marker.on("popupopen", function (event) {
      var box = event.popup.getElement();
      var close = box.querySelector(".leaflet-popup-close-button");
      if (close) { close.setAttribute("aria-label", options.close); close.title = options.close; }
      // Opened from the keyboard: go to the link instead of past every other marker.
      if (document.activeElement === icon) {
        (box.querySelector(".leaflet-popup-content a") || close || icon).focus();
      }
    });
    marker.on("popupclose", function (event) {
      var focused = document.activeElement;
      if (!focused || focused === document.body || event.popup.getElement().contains(focused)) {
        icon.focus();
      }
    });
  }

  function draw() {
    var rtl = document.documentElement.dir === "rtl";
    map = L.map(canvas, { zoomControl: false, attributionControl: false, scrollWheelZoom: false })
      .fitBounds(venues.map(function (v) { return [v.lat, v.lng]; }),
                 { padding: [30, 30], maxZoom: 16 });
    L.control.zoom({
      position: rtl ? "topright" : "topleft",
      zoomInTitle: options.zoomIn, zoomOutTitle: options.zoomOut
    }).addTo(map);
    L.control.attribution({ position: rtl ? "bottomleft" : "bottomright", prefix: false })
      .addTo(map);
    // The site sends no referrer to other sites; tile servers such as OpenStreetMap's
    // require one, so the tiles alone send the site's address (never the page's path).
    L.tileLayer(options.tileUrl, {
      attribution: credit(), maxZoom: 19, referrerPolicy: "strict-origin-when-cross-origin"
    }).addTo(map);
    venues.forEach(function (venue) { addMarker(venue, rtl); });
    canvas.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { map.closePopup(); }
    });
  }

  function show(open) {
    canvas.hidden = !open;
    button.setAttribute("aria-expanded", String(open));
    button.textContent = open ? options.hide : options.show;
  }

  button.addEventListener("click", function () {
    if (button.getAttribute("aria-expanded") === "true") { show(false); return; }
    loadLeaflet().then(function () {
      status.textContent = "";
      show(true);
      if (map) { map.invalidateSize(); } else { draw(); }
    }, function () {
      loading = null;
      status.textContent = options.failed;
    });
  });
  root.hidden = false;
})();

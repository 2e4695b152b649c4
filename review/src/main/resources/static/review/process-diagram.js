// Draws the case's process diagram (bpmn-js viewer, served by LeakDesk itself) and marks the steps
// the case stands at. The page names those steps in text as well, for readers without JavaScript.
(function () {
  'use strict';
  var holder = document.getElementById('process-diagram');
  if (!holder || typeof window.BpmnJS !== 'function') {
    return;
  }
  var current = (holder.getAttribute('data-current') || '').split(' ').filter(Boolean);
  var viewer = new window.BpmnJS({ container: holder });
  viewer.importXML(holder.getAttribute('data-bpmn')).then(function () {
    var canvas = viewer.get('canvas');
    var elements = viewer.get('elementRegistry');
    canvas.zoom('fit-viewport');
    current.forEach(function (id) {
      if (elements.get(id)) {
        canvas.addMarker(id, 'current-step');
      }
    });
    holder.classList.add('drawn');
  }).catch(function () {
    holder.classList.add('not-drawn');
  });
})();

// Preloaded into electronegativity's process by the security test. The tool writes its CSV header
// with one async fs.writeFile (truncating) and the rows with another (appending), unordered: under
// load the header write can land last and wipe the rows, so a scan could look clean. Making
// fs.writeFile synchronous keeps the two writes in program order.
'use strict';
const fs = require('node:fs');
fs.writeFile = function writeFileInOrder(file, data, options, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = undefined;
  }
  let error = null;
  try {
    fs.writeFileSync(file, data, options);
  } catch (e) {
    error = e;
  }
  if (callback) process.nextTick(callback, error);
  else if (error) throw error;
};

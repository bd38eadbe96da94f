/* The in-page e-book reader of a book page: a progressive enhancement of the "Đọc sách" link,
   which without this file (or on a browser too old to parse it) simply opens the file.
   PDF.js or epub.js is fetched only when a reader opens, so the book page stays light for a
   student on a slow network; the page read last is remembered per book on the device. */
(function () {
  "use strict";

  // PDF.js asks the server for 64 KB byte ranges: a 50 MB book shows page 1 after a few of them.
  var PDF_RANGE_CHUNK_BYTES = 65536;
  // Larger canvases make cheap phones run out of memory; PDF.js itself caps at about 33 MP.
  var PDF_MAX_CANVAS_PIXELS = 5000000;
  var PDF_ZOOM_STEPS = [1, 1.5, 2, 3, 4];
  var EPUB_TEXT_SIZES = [0.85, 1, 1.15, 1.3, 1.5, 1.75, 2];
  var EPUB_DEFAULT_TEXT_SIZE = 1;
  // EPUB "pages" for the page counter: epub.js cuts the text into locations of this many characters.
  var EPUB_LOCATION_CHARS = 1024;
  var SWIPE_MIN_PX = 50;

  function remembered(key) {
    try { return localStorage.getItem(key); } catch (e) { return null; }
  }
  function remember(key, value) {
    try { localStorage.setItem(key, String(value)); } catch (e) { /* private mode or full */ }
  }

  var scriptLoads = {};
  function loadScript(src) {
    if (!scriptLoads[src]) {
      scriptLoads[src] = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = src;
        script.onload = resolve;
        script.onerror = function () {
          delete scriptLoads[src]; // a later attempt may succeed once the network is back
          reject(new Error("Cannot load " + src));
        };
        document.head.appendChild(script);
      });
    }
    return scriptLoads[src];
  }

  /* +1 for the next page (finger moved to the left), -1 for the previous one, 0 for no swipe. */
  function swipeDirection(start, end) {
    var dx = end.x - start.x;
    var dy = end.y - start.y;
    if (Math.abs(dx) < SWIPE_MIN_PX || Math.abs(dx) < Math.abs(dy) * 1.5) return 0;
    return dx < 0 ? 1 : -1;
  }

  function clamp(value, low, high) {
    return Math.max(low, Math.min(high, value));
  }

  function isCancelled(error) {
    return error && (error.name === "RenderingCancelledException" || error.name === "AbortException");
  }

  /* A PDF drawn one page at a time on a canvas. */
  function PdfBook(config, surface, onMove) {
    this.config = config;
    this.surface = surface;
    this.onMove = onMove;
    this.zoomStep = 0;
    this.renderTicket = 0;
  }

  PdfBook.prototype.open = async function (rememberedPage) {
    var config = this.config;
    var pdfjs = await import(config.pdfjs);
    if (this.closed) return;
    pdfjs.GlobalWorkerOptions.workerSrc = config.pdfjsWorker;
    this.task = pdfjs.getDocument({
      url: config.src,
      disableAutoFetch: true,
      disableStream: true,
      rangeChunkSize: PDF_RANGE_CHUNK_BYTES,
      cMapUrl: config.pdfjsCmaps,
      cMapPacked: true,
      standardFontDataUrl: config.pdfjsFonts,
      wasmUrl: config.pdfjsWasm,
      iccUrl: config.pdfjsIccs,
      isEvalSupported: false,
    });
    this.pdf = await this.task.promise;
    this.pageCount = this.pdf.numPages;
    this.pageNumber = clamp(parseInt(rememberedPage, 10) || 1, 1, this.pageCount);
    await this.render();
  };

  PdfBook.prototype.render = async function () {
    var ticket = ++this.renderTicket;
    if (this.renderTask) this.renderTask.cancel();
    var page = await this.pdf.getPage(this.pageNumber);
    if (ticket !== this.renderTicket) return;
    var natural = page.getViewport({ scale: 1 });
    var fit = Math.min(this.surface.clientWidth / natural.width, this.surface.clientHeight / natural.height);
    var cssScale = fit * PDF_ZOOM_STEPS[this.zoomStep];
    var cssWidth = Math.floor(natural.width * cssScale);
    var cssHeight = Math.floor(natural.height * cssScale);
    // Sharp on high-density screens, but never a canvas the phone cannot hold.
    var pixelRatio = Math.min(window.devicePixelRatio || 1, Math.sqrt(PDF_MAX_CANVAS_PIXELS / (cssWidth * cssHeight)));
    var viewport = page.getViewport({ scale: cssScale * pixelRatio });
    var canvas = document.createElement("canvas");
    canvas.className = "reader-page";
    canvas.width = Math.floor(viewport.width);
    canvas.height = Math.floor(viewport.height);
    canvas.style.width = cssWidth + "px";
    canvas.style.height = cssHeight + "px";
    this.renderTask = page.render({ canvas: canvas, viewport: viewport });
    try {
      await this.renderTask.promise;
    } catch (error) {
      if (isCancelled(error)) return;
      throw error;
    }
    if (ticket !== this.renderTicket) return;
    // Drawn off-screen and swapped in, so turning a page never flashes a blank sheet.
    this.surface.replaceChildren(canvas);
    this.surface.scrollTo(0, 0);
    this.onMove(this.pageNumber + " / " + this.pageCount, this.pageNumber);
  };

  PdfBook.prototype.turn = function (direction) {
    var target = clamp(this.pageNumber + direction, 1, this.pageCount);
    if (target === this.pageNumber) return Promise.resolve();
    this.pageNumber = target;
    return this.render();
  };

  PdfBook.prototype.zoom = function (direction) {
    var step = clamp(this.zoomStep + direction, 0, PDF_ZOOM_STEPS.length - 1);
    if (step === this.zoomStep) return Promise.resolve();
    this.zoomStep = step;
    return this.render();
  };

  PdfBook.prototype.isZoomedIn = function () {
    return this.zoomStep > 0;
  };

  PdfBook.prototype.resize = function () {
    return this.render();
  };

  PdfBook.prototype.close = function () {
    this.closed = true; // open() may still be waiting for PDF.js: it stops there
    this.renderTicket++;
    // Stops the worker and any range request still on its way.
    if (this.task) this.task.destroy();
  };

  /* An EPUB laid out by epub.js in screen-sized pages. */
  function EpubBook(config, surface, onMove, onSwipe) {
    this.config = config;
    this.surface = surface;
    this.onMove = onMove;
    this.onSwipe = onSwipe;
    this.textSize = EPUB_TEXT_SIZES.indexOf(EPUB_DEFAULT_TEXT_SIZE);
  }

  EpubBook.prototype.open = async function (rememberedCfi) {
    var self = this;
    await loadScript(this.config.jszip); // epub.js expects JSZip as a global
    await loadScript(this.config.epubjs);
    if (this.closed) return;
    // The URL has no ".epub" ending for epub.js to guess from.
    this.book = window.ePub(this.config.src, { openAs: "epub" });
    await this.book.opened;
    if (this.closed) return;
    this.rendition = this.book.renderTo(this.surface, {
      width: "100%",
      height: "100%",
      flow: "paginated",
      spread: "none",
    });
    this.applyTextSize();
    this.rendition.on("relocated", function (location) {
      self.showPosition(location);
    });
    // Touches inside the book's iframe never reach this page; epub.js passes them on.
    var touchStart = null;
    this.rendition.on("touchstart", function (event) {
      touchStart = { x: event.changedTouches[0].screenX, y: event.changedTouches[0].screenY };
    });
    this.rendition.on("touchend", function (event) {
      if (!touchStart) return;
      var end = { x: event.changedTouches[0].screenX, y: event.changedTouches[0].screenY };
      self.onSwipe(swipeDirection(touchStart, end));
      touchStart = null;
    });
    try {
      await this.rendition.display(rememberedCfi || undefined);
    } catch (error) {
      // A location saved for an earlier upload of the book: start from the beginning.
      await this.rendition.display();
    }
    this.book.locations.generate(EPUB_LOCATION_CHARS).then(function () {
      if (self.rendition) self.showPosition(self.rendition.currentLocation());
    }, function () { /* closed meanwhile, or unmeasurable: the chapter's pages stay shown */ });
  };

  EpubBook.prototype.showPosition = function (location) {
    if (!location || !location.start) return;
    var locations = this.book.locations;
    var text;
    if (locations.length()) {
      text = (locations.locationFromCfi(location.start.cfi) + 1) + " / " + locations.length();
    } else {
      // Until the whole book has been measured: the page within the chapter.
      text = location.start.displayed.page + " / " + location.start.displayed.total;
    }
    this.onMove(text, location.start.cfi);
  };

  EpubBook.prototype.turn = function (direction) {
    return direction > 0 ? this.rendition.next() : this.rendition.prev();
  };

  EpubBook.prototype.zoom = function (direction) {
    this.textSize = clamp(this.textSize + direction, 0, EPUB_TEXT_SIZES.length - 1);
    this.applyTextSize();
    return Promise.resolve();
  };

  EpubBook.prototype.applyTextSize = function () {
    this.rendition.themes.fontSize(Math.round(EPUB_TEXT_SIZES[this.textSize] * 100) + "%");
  };

  EpubBook.prototype.isZoomedIn = function () {
    return false; // text reflows: a swipe always turns the page
  };

  EpubBook.prototype.resize = function () {
    return Promise.resolve(); // epub.js follows the size of its container itself
  };

  EpubBook.prototype.close = function () {
    this.closed = true;
    if (this.book) this.book.destroy();
    this.rendition = null;
  };

  /* The dialog around either kind of book: buttons, swipes, keys, the back button, memory. */
  function Reader(dialog) {
    this.dialog = dialog;
    this.config = dialog.dataset;
    this.stage = dialog.querySelector("[data-reader-stage]");
    this.loading = dialog.querySelector("[data-reader-loading]");
    this.error = dialog.querySelector("[data-reader-error]");
    this.position = dialog.querySelector("[data-reader-position]");
    this.book = null;
    this.bindEvents();
  }

  Reader.prototype.open = function () {
    var self = this;
    if (this.dialog.open) return;
    this.loading.hidden = false;
    this.error.hidden = true;
    this.position.textContent = "…";
    this.dialog.showModal();
    // On Android the back button should close the book, not leave the page.
    if (!this.ownsHistoryEntry()) history.pushState({ sohoaReader: true }, "");

    this.surface = document.createElement("div");
    this.surface.className = "reader-surface reader-surface-" + this.config.format;
    this.stage.appendChild(this.surface);
    var onMove = function (text, memory) {
      self.position.textContent = text;
      remember(self.config.memoryKey, memory);
    };
    var onSwipe = function (direction) {
      if (direction) self.turn(direction);
    };
    var book = this.config.format === "pdf"
      ? new PdfBook(this.config, this.surface, onMove)
      : new EpubBook(this.config, this.surface, onMove, onSwipe);
    this.book = book;
    book.open(remembered(this.config.memoryKey)).then(function () {
      if (self.book === book) self.loading.hidden = true;
    }, function (error) {
      if (self.book === book && !isCancelled(error)) self.fail(error);
    });
  };

  Reader.prototype.fail = function (error) {
    this.loading.hidden = true;
    this.error.hidden = false;
    if (window.console) console.error("E-book reader:", error);
  };

  Reader.prototype.run = function (action) {
    var self = this;
    var book = this.book;
    if (!book || !this.loading.hidden) return;
    action(book).then(function () {
      self.stage.classList.toggle("is-zoomed", book.isZoomedIn());
    }, function (error) {
      if (!isCancelled(error)) self.fail(error);
    });
  };

  Reader.prototype.turn = function (direction) {
    this.run(function (book) { return book.turn(direction); });
  };

  Reader.prototype.zoom = function (direction) {
    this.run(function (book) { return book.zoom(direction); });
  };

  Reader.prototype.ownsHistoryEntry = function () {
    return Boolean(history.state && history.state.sohoaReader);
  };

  Reader.prototype.requestClose = function () {
    // Leaving the reader's history entry closes the dialog through "popstate".
    if (this.ownsHistoryEntry()) history.back();
    else this.dialog.close();
  };

  Reader.prototype.finish = function () {
    if (this.book) this.book.close();
    this.book = null;
    if (this.surface) this.surface.remove();
    this.surface = null;
    this.stage.classList.remove("is-zoomed");
    // Closed some other way (the browser may force a dialog shut): drop our history entry too.
    if (this.ownsHistoryEntry()) history.back();
  };

  Reader.prototype.bindEvents = function () {
    var self = this;
    var dialog = this.dialog;
    var actions = {
      close: function () { self.requestClose(); },
      previous: function () { self.turn(-1); },
      next: function () { self.turn(1); },
      "zoom-in": function () { self.zoom(1); },
      "zoom-out": function () { self.zoom(-1); },
    };
    dialog.addEventListener("click", function (event) {
      var button = event.target.closest("[data-reader-action]");
      if (button) actions[button.dataset.readerAction]();
    });
    dialog.addEventListener("cancel", function (event) {
      event.preventDefault(); // Escape: close through history, like the close button
      self.requestClose();
    });
    dialog.addEventListener("close", function () { self.finish(); });
    window.addEventListener("popstate", function () {
      if (dialog.open) dialog.close();
    });
    dialog.addEventListener("keydown", function (event) {
      var keys = { ArrowRight: 1, PageDown: 1, ArrowLeft: -1, PageUp: -1 };
      if (keys[event.key] && !event.target.closest("button, a")) {
        event.preventDefault();
        self.turn(keys[event.key]);
      }
    });

    // Swipes with a finger (or a mouse): pointer events work for both, but only when the page
    // is not zoomed in, since then the same gesture moves around the enlarged page.
    var swipeStart = null;
    this.stage.addEventListener("pointerdown", function (event) {
      swipeStart = event.isPrimary ? { x: event.clientX, y: event.clientY } : null;
    });
    this.stage.addEventListener("pointercancel", function () { swipeStart = null; });
    this.stage.addEventListener("pointerup", function (event) {
      if (!swipeStart || !self.book || self.book.isZoomedIn()) return;
      var direction = swipeDirection(swipeStart, { x: event.clientX, y: event.clientY });
      swipeStart = null;
      if (direction) self.turn(direction);
    });

    var resizeTimer = null;
    window.addEventListener("resize", function () {
      clearTimeout(resizeTimer);
      resizeTimer = setTimeout(function () {
        if (dialog.open) self.run(function (book) { return book.resize(); });
      }, 200);
    });
  };

  document.querySelectorAll("[data-reader-open]").forEach(function (link) {
    var dialog = document.getElementById(link.dataset.readerOpen);
    if (!dialog || typeof dialog.showModal !== "function") return; // keep the plain link
    var reader = new Reader(dialog);
    link.addEventListener("click", function (event) {
      // A new tab or a download asked for with a modifier key stays the browser's business.
      if (event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      reader.open();
    });
  });
})();

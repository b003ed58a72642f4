// Progressive enhancement, loaded as a file: the content security policy allows no inline script.
// 1. With JavaScript running, htmx saves each answer on change, so the per-item Save buttons are
//    hidden by the `js` class (see site.css); without JavaScript they stay and the form posts.
// 2. A 400 answer is the page re-rendered with the error next to its field and what was typed
//    kept: let htmx swap it in like any other answer instead of dropping it.
document.documentElement.classList.add("js");
document.addEventListener("htmx:beforeSwap", function (event) {
  if (event.detail.xhr.status === 400) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});

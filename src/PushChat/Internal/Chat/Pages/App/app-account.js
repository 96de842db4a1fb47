// The user's own settings: the colour of its name, and its account. A guest registers its name on
// the classic registration page, which brings the browser back here; a registered user changes
// its password on the classic password page, in a new tab, while this page stays online.
(function () {
  'use strict';

  var app = window.PushChatApp;
  var color = document.getElementById('color');
  var register = document.getElementById('register');

  document.getElementById('color-form').addEventListener('submit', function (e) {
    e.preventDefault();
    app.send({ type: 'color', color: color.value }, false);
  });

  if (register) {
    // The guest's name is taken while the guest is in the chat: it leaves first, then registers the name.
    register.addEventListener('click', function () {
      var sid = document.body.getAttribute('data-sid');
      var name = app.state.self;
      app.stop();
      fetch('/leave', {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'sid=' + encodeURIComponent(sid),
        credentials: 'same-origin',
        redirect: 'manual'
      }).then(function () {
        location.assign('/register?name=' + encodeURIComponent(name));
      }, function () {
        location.assign('/register?name=' + encodeURIComponent(name));
      });
    });
  }
}());

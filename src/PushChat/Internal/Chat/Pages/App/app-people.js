// The online list and whom the user ignores. Each person of the room gets a whisper button and an
// ignore button (the other parts add theirs through the 'person' event); the list of the ignored
// starts from the page as the server drew it and follows every ignore the server took.
(function () {
  'use strict';

  var app = window.PushChatApp;
  var text = app.text;
  var people = document.getElementById('people');
  var names = document.getElementById('people-names');
  var to = document.getElementById('to');
  var ignoredList = document.getElementById('ignored');
  var ignoredNone = document.getElementById('ignored-none');
  var ignored = new Set();
  var lastPresence = null;

  function button(className, label, onClick) {
    var b = document.createElement('button');
    b.type = 'button';
    b.className = className + ' secondary small';
    b.textContent = label;
    b.addEventListener('click', onClick);
    return b;
  }

  function setIgnored(name, ignore) {
    app.send({ type: 'ignore', user: name, ignore: ignore }, false, function () {
      if (ignore) {
        ignored.add(name);
      } else {
        ignored.delete(name);
      }
      showIgnored();
      if (lastPresence) {
        showPeople(lastPresence);
      }
    });
  }

  function showIgnored() {
    while (ignoredList.firstChild) {
      ignoredList.removeChild(ignoredList.firstChild);
    }
    Array.from(ignored).sort().forEach(function (name) {
      var li = document.createElement('li');
      li.setAttribute('data-name', name);
      var label = document.createElement('span');
      label.className = 'name';
      label.textContent = name;
      li.appendChild(label);
      li.appendChild(button('unignore', app.format(text.unignore, { name: name }), function () { setIgnored(name, false); }));
      ignoredList.appendChild(li);
    });
    ignoredNone.hidden = ignored.size > 0;
  }

  function details(user) {
    var parts = [];
    var role = { guest: text.roleGuest, user: text.roleUser, administrator: text.roleAdministrator }[user.role];
    if (role) {
      parts.push(role);
    }
    if (user.name === app.state.owner) {
      parts.push(text.roleOwner);
    }
    if (user.idleSeconds >= 60) {
      parts.push(app.format(text.idleMinutes, { minutes: Math.floor(user.idleSeconds / 60) }));
    }
    if (ignored.has(user.name)) {
      parts.push(text.ignoredMark);
    }
    return parts;
  }

  function person(user) {
    var li = document.createElement('li');
    li.setAttribute('data-name', user.name);
    var name = document.createElement('span');
    name.className = 'name';
    name.appendChild(app.swatch(user.color));
    name.appendChild(document.createTextNode(user.name === app.state.self ? app.format(text.you, { name: user.name }) : user.name));
    li.appendChild(name);
    var parts = details(user);
    if (parts.length) {
      // Single words in a list, not a sentence: each is a text of its own, and so is the separator.
      var role = document.createElement('span');
      role.className = 'role';
      role.textContent = parts.join(text.listSeparator);
      li.appendChild(role);
    }
    if (user.name !== app.state.self) {
      var actions = document.createElement('span');
      actions.className = 'actions';
      actions.appendChild(button('whisper', app.format(text.whisperTo, { name: user.name }), function () {
        to.value = user.name;
        app.focusBox();
      }));
      var isIgnored = ignored.has(user.name);
      var ignore = button('ignore', app.format(isIgnored ? text.unignore : text.ignore, { name: user.name }), function () { setIgnored(user.name, !isIgnored); });
      actions.appendChild(ignore);
      app.emit('person', actions, user);
      li.appendChild(actions);
    }
    return li;
  }

  function showPeople(item) {
    lastPresence = item;
    document.getElementById('people-count').textContent = app.format(text.peopleCount, { count: item.count });
    var focused = document.activeElement && people.contains(document.activeElement)
      ? { name: document.activeElement.closest('li').getAttribute('data-name'), className: document.activeElement.className }
      : null;
    var chosen = to.value;
    while (people.firstChild) {
      people.removeChild(people.firstChild);
    }
    while (to.options.length > 1) {
      to.remove(1);
    }
    while (names.firstChild) {
      names.removeChild(names.firstChild);
    }
    item.users.forEach(function (user) {
      people.appendChild(person(user));
      if (user.name !== app.state.self) {
        var option = document.createElement('option');
        option.value = user.name;
        option.textContent = user.name;
        to.appendChild(option);
        names.appendChild(option.cloneNode(true));
      }
    });
    // A chosen addressee who left stays chosen: falling back to everyone would make a whisper public.
    if (chosen && !Array.prototype.some.call(to.options, function (o) { return o.value === chosen; })) {
      var kept = document.createElement('option');
      kept.value = chosen;
      kept.textContent = chosen;
      to.appendChild(kept);
    }
    to.value = chosen;
    // A list drawn anew keeps the keyboard where it was: on the same button of the same person.
    if (focused) {
      var again = Array.prototype.filter.call(people.querySelectorAll('li'), function (li) { return li.getAttribute('data-name') === focused.name; })[0];
      var target = again && again.querySelector('button[class="' + focused.className + '"]');
      if (target) {
        target.focus();
      }
    }
  }

  app.on('start', function () {
    Array.prototype.forEach.call(ignoredList.querySelectorAll('li[data-name]'), function (li) { ignored.add(li.getAttribute('data-name')); });
    showIgnored();
  });
  app.on('presence', showPeople);
  // Who may moderate changed (a role, a room's owner): the buttons of each person follow.
  app.on('authority', function () {
    if (lastPresence) {
      showPeople(lastPresence);
    }
  });
}());

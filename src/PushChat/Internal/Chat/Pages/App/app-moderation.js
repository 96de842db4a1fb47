// What an administrator or the room's owner gets: a delete button on each line said in the room,
// a moderate button on each person, the moderation form (kick, mute, ban and their undoing), the
// topic form and closing the room. They show only to those the server would let act; the server
// still decides every act, and its refusal shows as any other.
(function () {
  'use strict';

  var app = window.PushChatApp;
  var text = app.text;
  var lines = document.getElementById('lines');
  var section = document.getElementById('moderation');
  var form = document.getElementById('moderate');
  var who = document.getElementById('mod-name');
  var action = document.getElementById('mod-action');
  var duration = document.getElementById('mod-duration');
  var reason = document.getElementById('mod-reason');
  var topicForm = document.getElementById('topic-form');
  var topicText = document.getElementById('topic-text');
  var closeRoom = document.getElementById('close-room');

  // The acts of the moderation form, as the policy table gives them: a room's owner acts in the room, an administrator everywhere.
  var ownerActs = [['kick', 'modKick'], ['mute', 'modMute'], ['unmute', 'modUnmute'], ['op', 'modOp'], ['deop', 'modDeop']];
  var adminActs = ownerActs.concat([['ban', 'modBan'], ['banip', 'modBanAddress'], ['unban', 'modUnban']]);
  var lasting = { mute: true, ban: true, banip: true };

  function deletable(li) {
    var kind = li.getAttribute('data-kind');
    return li.getAttribute('data-log') === 'room' && (kind === 'public' || kind === 'action');
  }

  function addDeleteButton(li) {
    if (li.querySelector('button.delete')) {
      return;
    }
    var body = li.querySelector('.body');
    var b = document.createElement('button');
    b.type = 'button';
    b.className = 'delete secondary small';
    b.textContent = text.deleteLine;
    b.setAttribute('aria-label', app.format(text.deleteLineLabel, { line: body ? body.textContent : '' }));
    b.addEventListener('click', function () {
      app.send({ type: 'delete', position: li.getAttribute('data-position') }, false);
    });
    li.appendChild(document.createTextNode(' '));
    li.appendChild(b);
  }

  function removeDeleteButton(li) {
    var b = li.querySelector('button.delete');
    if (b) {
      li.removeChild(b.previousSibling);
      li.removeChild(b);
    }
  }

  function showActions(admin) {
    var chosen = action.value;
    while (action.firstChild) {
      action.removeChild(action.firstChild);
    }
    (admin ? adminActs : ownerActs).forEach(function (act) {
      var option = document.createElement('option');
      option.value = act[0];
      option.textContent = text[act[1]];
      action.appendChild(option);
    });
    action.value = chosen || 'kick';
    if (!action.value) {
      action.value = 'kick';
    }
  }

  function showControls() {
    var may = app.mayModerate();
    section.hidden = !may;
    topicForm.hidden = !may;
    closeRoom.hidden = !may;
    if (may) {
      showActions(app.state.role === 'administrator');
    }
    Array.prototype.forEach.call(lines.querySelectorAll('li.line'), function (li) {
      if (may && deletable(li)) {
        addDeleteButton(li);
      } else {
        removeDeleteButton(li);
      }
    });
  }

  // A name as the talk box reads it: quoted, so that a name with spaces is one name.
  function quoted(name) {
    return '"' + name.replace(/"/g, '') + '"';
  }

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var name = who.value.trim();
    var act = action.value;
    var lasts = lasting[act] ? duration.value.trim() : '';
    if (lasts && !/^[0-9]{1,4}[smhd]$/.test(lasts)) {
      document.getElementById('notice').textContent = text.badDuration;
      duration.focus();
      return;
    }
    // An address to unban is typed as it is; anything else is a name.
    var target = act === 'unban' && /[.:]/.test(name) ? name : quoted(name);
    var command = ['/' + act, target, lasts, act === 'kick' || lasting[act] ? reason.value.trim() : ''].filter(function (part) { return part; }).join(' ');
    app.command(command, function () {
      duration.value = '';
      reason.value = '';
    });
  });

  topicForm.addEventListener('submit', function (e) {
    e.preventDefault();
    if (topicText.value.trim()) {
      app.command('/topic ' + topicText.value.trim(), function () { topicText.value = ''; });
    }
  });

  document.getElementById('clear-topic').addEventListener('click', function () { app.command('/topic'); });
  closeRoom.addEventListener('click', function () { app.command('/close'); });

  app.on('line', function (li, item) {
    if (app.mayModerate() && deletable(li)) {
      addDeleteButton(li);
    }
  });

  app.on('person', function (actions, user) {
    if (!app.mayModerate()) {
      return;
    }
    var b = document.createElement('button');
    b.type = 'button';
    b.className = 'moderate secondary small';
    b.textContent = app.format(text.moderate, { name: user.name });
    b.addEventListener('click', function () {
      who.value = user.name;
      action.focus();
    });
    actions.appendChild(b);
  });

  app.on('authority', showControls);
  app.on('start', showControls);
}());

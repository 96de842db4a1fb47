// The modern page of the chat. Items come from Server-Sent Events (/events): EventSource reconnects
// by itself and sends the id of its last event as Last-Event-ID, which is the reader's cursor, so
// the server resumes exactly after the last line shown, with none lost or repeated. Actions go
// through the WebSocket (/ws, "hello" with the session's cookie): one connection for every kind of
// action, each answered with "ok" or "error" by its id, so a refused line stays in the box. The
// socket's own copy of the lines is ignored: the event stream is the one source of lines. Presence
// comes from both (the socket answers "who", asked after every join or leave and every minute).
// This is the core: the other parts (app-people.js, app-moderation.js, app-account.js, served after
// it as one script) register their handlers on window.PushChatApp, and the page starts once the
// document is parsed, when every part is there.
(function () {
  'use strict';

  var text = window.PushChatText;
  var maxLines = 500;
  var sid = document.body.getAttribute('data-sid');
  var lines = document.getElementById('lines');
  var announcer = document.getElementById('announcer');
  var statusLine = document.getElementById('status');
  var notice = document.getElementById('notice');
  var box = document.getElementById('text');
  var to = document.getElementById('to');
  var seen = new Set();
  var seenOrder = [];
  // role: the user's role from the server (welcome, presence); owner: the room's owner (room item).
  var state = { room: null, owner: null, ownsRoom: false, role: null, historyUntil: null, self: document.body.getAttribute('data-user'), ended: false, streamOpen: false, socketReady: false };
  var socket = null;
  var socketDelay = 500;
  var nextId = 1;
  var pending = new Map();
  var listeners = {};

  // What the parts share: the texts, the state, sending actions, and events they listen to.
  var app = window.PushChatApp = {
    text: text,
    state: state,
    on: function (event, listener) { (listeners[event] = listeners[event] || []).push(listener); },
    emit: function (event) {
      var args = Array.prototype.slice.call(arguments, 1);
      (listeners[event] || []).forEach(function (listener) { listener.apply(null, args); });
    },
    // Whether the server would let the user moderate the room it is in: an administrator, or the room's owner.
    // Only which controls show depends on it; the server decides every act and its refusal is shown.
    mayModerate: function () { return state.role === 'administrator' || state.ownsRoom || (state.owner !== null && state.owner === state.self); }
  };

  var format = app.format = window.PushChatFormat;

  function applyTexts() {
    document.querySelectorAll('[data-text]').forEach(function (el) { el.textContent = format(text[el.getAttribute('data-text')]); });
    document.querySelectorAll('[data-label]').forEach(function (el) { el.setAttribute('aria-label', format(text[el.getAttribute('data-label')])); });
    document.querySelectorAll('[data-placeholder]').forEach(function (el) { el.setAttribute('placeholder', format(text[el.getAttribute('data-placeholder')])); });
  }

  function showStatus() {
    if (state.ended) {
      statusLine.setAttribute('data-state', 'ended');
      return;
    }
    var online = state.streamOpen && state.socketReady;
    state.wasOnline = state.wasOnline || online;
    var value = online ? 'online' : state.wasOnline ? 'offline' : 'connecting';
    statusLine.setAttribute('data-state', value);
    statusLine.textContent = text[value];
  }

  // Positions are "epoch:seq"; a line is older than another of the same log when its epoch is the same and its seq smaller.
  function seqOf(position) { return Number(String(position).split(':')[1]); }
  function epochOf(position) { return String(position).split(':')[0]; }

  function remember(key) {
    seen.add(key);
    seenOrder.push(key);
    if (seenOrder.length > maxLines * 4) {
      seen.delete(seenOrder.shift());
    }
  }

  function isHistory(item) {
    var until = state.historyUntil;
    return item.log === 'room' && until !== null && epochOf(item.position) === epochOf(until) && seqOf(item.position) <= seqOf(until);
  }

  function trim() {
    while (lines.children.length > maxLines) {
      lines.removeChild(lines.firstElementChild);
    }
  }

  function nearBottom() {
    return lines.scrollHeight - lines.scrollTop - lines.clientHeight < 48;
  }

  function append(li, announce) {
    var follow = nearBottom();
    lines.appendChild(li);
    trim();
    if (follow) {
      lines.scrollTop = lines.scrollHeight;
    }
    if (announce) {
      var said = document.createElement('p');
      said.textContent = li.getAttribute('data-spoken') || li.textContent;
      announcer.appendChild(said);
      while (announcer.children.length > 5) {
        announcer.removeChild(announcer.firstElementChild);
      }
    }
  }

  var swatch = app.swatch = function (color) {
    var mark = document.createElement('span');
    mark.className = 'swatch';
    mark.setAttribute('aria-hidden', 'true');
    if (color) {
      mark.style.backgroundColor = color;
    }
    return mark;
  };

  function whoText(item) {
    if (item.kind === 'whisper') {
      if (!item.from) {
        return text.noticeMark;
      }
      return state.self && item.from === state.self && item.to ? format(text.youWhisperTo, { to: item.to }) : format(text.whisperFrom, { from: item.from });
    }
    if (item.kind === 'system') {
      return text.systemMark;
    }
    if (item.kind === 'action') {
      return format(text.actionBy, { name: item.from });
    }
    // Only an administrator's lines carry the role: it says who speaks for the chat; the online list shows every role.
    return item.role === 'administrator' ? format(text.speakerAdministrator, { name: item.from }) : item.from;
  }

  function lineElement(item) {
    var li = document.createElement('li');
    li.className = 'line ' + item.kind;
    li.setAttribute('data-kind', item.kind);
    li.setAttribute('data-log', item.log);
    li.setAttribute('data-position', item.position);
    if (item.from) {
      li.setAttribute('data-from', item.from);
    }
    var time = document.createElement('time');
    var when = new Date(item.time);
    time.dateTime = item.time;
    time.textContent = isNaN(when) ? '' : when.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
    var who = document.createElement('span');
    who.className = 'who';
    if (item.from) {
      who.appendChild(swatch(item.color));
    }
    who.appendChild(document.createTextNode(whoText(item)));
    var body = document.createElement('span');
    body.className = 'body';
    body.textContent = item.text;
    li.appendChild(time);
    li.appendChild(document.createTextNode(' '));
    li.appendChild(who);
    var separator = item.kind === 'action' || item.kind === 'system' ? ' ' : text.lineSeparator;
    li.appendChild(document.createTextNode(separator));
    li.appendChild(body);
    li.setAttribute('data-spoken', item.kind === 'system' ? item.text : whoText(item) + separator + item.text);
    app.emit('line', li, item);
    return li;
  }

  function onLine(item) {
    var key = item.log + '|' + item.position;
    if (seen.has(key)) {
      return;
    }
    remember(key);
    var live = !isHistory(item);
    append(lineElement(item), live);
    // Joins and leaves come as system lines, not as presence: ask the socket who is here now.
    if (live && item.kind === 'system' && item.log === 'room') {
      askWho();
    }
    if (typeof item.topic === 'string' && item.log === 'room') {
      showTopic(item.topic);
    }
  }

  function onDelete(item) {
    var key = item.log + '|' + item.position;
    if (seen.has(key)) {
      return;
    }
    remember(key);
    var gone = lines.querySelector('li[data-log="room"][data-position="' + item.removes + '"]');
    if (gone) {
      gone.parentNode.removeChild(gone);
    }
  }

  function showTopic(topic) {
    document.getElementById('topic').textContent = topic ? format(text.topic, { topic: topic }) : '';
  }

  function systemNote(message) {
    var li = document.createElement('li');
    li.className = 'line note';
    li.setAttribute('data-kind', 'note');
    li.textContent = message;
    append(li, true);
  }

  function onRoom(item) {
    var moved = state.room !== null && state.room !== item.room;
    state.room = item.room;
    state.owner = item.owner;
    state.historyUntil = item.position;
    document.getElementById('room-name').textContent = format(text.inRoom, { room: item.room });
    showTopic(item.topic);
    if (moved) {
      systemNote(format(text.movedTo, { room: item.room }));
    }
    app.emit('authority');
  }

  function onPresence(item) {
    var self = item.users.filter(function (user) { return user.name === state.self; })[0];
    var roleChanged = self && (self.role !== state.role || (self.owner === true) !== state.ownsRoom);
    if (self) {
      state.role = self.role;
      // An owner of the room, whether its opener or made one with /op.
      state.ownsRoom = self.owner === true;
    }
    app.emit('presence', item);
    if (roleChanged) {
      app.emit('authority');
    }
  }

  var whoAsked = false;

  function askWho() {
    if (whoAsked || !socket || !state.socketReady || socket.readyState !== WebSocket.OPEN) {
      return;
    }
    whoAsked = true;
    setTimeout(function () {
      whoAsked = false;
      if (socket && state.socketReady && socket.readyState === WebSocket.OPEN) {
        socket.send(JSON.stringify({ type: 'who' }));
      }
    }, 250);
  }

  function onMissed(item) {
    systemNote(item.reset || item.count < 0 ? text.missedReset : format(text.missed, { count: item.count }));
  }

  function end(message) {
    if (state.ended) {
      return;
    }
    state.ended = true;
    statusLine.textContent = message;
    showStatus();
    if (events) {
      events.close();
    }
    if (socket) {
      socket.close(1000);
    }
    var again = document.createElement('a');
    again.href = '/';
    again.textContent = text.loginAgain;
    statusLine.appendChild(document.createTextNode(' '));
    statusLine.appendChild(again);
  }

  var handlers = {
    line: onLine,
    delete: onDelete,
    room: onRoom,
    presence: onPresence,
    missed: onMissed,
    // "reconnect": this server is leaving a chat of several; the stream comes back through another and resumes.
    bye: function (item) { if (item.reason !== 'reconnect') { end(byeText(item.reason)); } }
  };

  var byeTexts = { left: 'byeLeft', kicked: 'byeKicked', timed_out: 'byeTimedOut', shutdown: 'byeShutdown', replaced: 'byeReplaced', session_ended: 'byeSessionEnded' };

  function byeText(reason) {
    return text[byeTexts[reason]] || text.ended;
  }

  var events = null;

  function openEvents() {
    events = new EventSource('/events?sid=' + encodeURIComponent(sid));
    Object.keys(handlers).forEach(function (type) {
      events.addEventListener(type, function (e) { handlers[type](JSON.parse(e.data)); });
    });
    events.addEventListener('open', function () { state.streamOpen = true; showStatus(); });
    events.addEventListener('error', function () {
      state.streamOpen = false;
      // A closed EventSource does not come back: the server refused the session (ended or logged out).
      if (events.readyState === EventSource.CLOSED && !state.ended) {
        end(text.ended);
      }
      showStatus();
    });
  }

  function connectSocket() {
    if (state.ended) {
      return;
    }
    var scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
    socket = new WebSocket(scheme + location.host + '/ws?sid=' + encodeURIComponent(sid));
    socket.addEventListener('open', function () {
      socket.send(JSON.stringify({ type: 'hello', version: 1 }));
    });
    socket.addEventListener('message', function (e) {
      var message = JSON.parse(e.data);
      if (message.type === 'welcome') {
        state.self = message.user;
        state.role = message.role;
        app.emit('authority');
        state.socketReady = true;
        socketDelay = 500;
        notice.textContent = '';
        showStatus();
        askWho();
      } else if (message.type === 'ok' || message.type === 'error') {
        var sent = pending.get(message.id);
        pending.delete(message.id);
        showWaiting();
        if (message.type === 'ok' && sent && sent.clear && box.value === sent.text) {
          box.value = '';
        }
        // The server's refusal, as it words it: the page never decides alone what the user may do.
        notice.textContent = message.type === 'error' ? message.message : '';
        if (message.type === 'ok' && sent && sent.done) {
          sent.done();
        }
      } else if (message.type === 'presence') {
        onPresence(message);
      } else if (message.type === 'bye' && message.reason !== 'replaced' && message.reason !== 'reconnect') {
        end(byeText(message.reason));
      }
    });
    socket.addEventListener('close', function () {
      state.socketReady = false;
      pending.clear();
      showWaiting();
      showStatus();
      if (!state.ended) {
        setTimeout(connectSocket, socketDelay);
        socketDelay = Math.min(socketDelay * 2, 8000);
      }
    });
  }

  // How many actions wait for the server's answer, for whoever watches the page (tests, styles).
  function showWaiting() {
    document.body.setAttribute('data-waiting', String(pending.size));
  }

  // Sends an action; false when offline, so the caller keeps what the user typed. done runs when the server took it.
  var send = app.send = function (message, clearText, done) {
    if (!socket || !state.socketReady || socket.readyState !== WebSocket.OPEN) {
      notice.textContent = text.notSent;
      return false;
    }
    message.id = nextId++;
    pending.set(message.id, { text: message.text, clear: clearText, done: done });
    showWaiting();
    socket.send(JSON.stringify(message));
    return true;
  };

  // A talk-box command from a control ("/topic Roses"), answered like a typed one.
  app.command = function (command, done) {
    return send({ type: 'command', text: command }, false, done);
  };

  document.getElementById('say').addEventListener('submit', function (e) {
    e.preventDefault();
    var typed = box.value;
    if (!typed.trim()) {
      return;
    }
    if (typed.charAt(0) === '/') {
      send({ type: 'command', text: typed }, true);
    } else if (to.value) {
      send({ type: 'whisper', to: to.value, text: typed }, true);
    } else {
      send({ type: 'say', text: typed }, true);
    }
  });

  document.getElementById('join').addEventListener('submit', function (e) {
    e.preventDefault();
    var room = document.getElementById('room');
    if (room.value.trim() && send({ type: 'join', room: room.value.trim() }, false)) {
      room.value = '';
      box.focus();
    }
  });

  document.getElementById('list-rooms').addEventListener('click', function () {
    send({ type: 'command', text: '/rooms' }, false);
  });

  app.applyTexts = applyTexts;

  // Stops both connections quietly, for a page that leaves the chat on purpose (to register).
  app.stop = function () {
    state.ended = true;
    if (events) {
      events.close();
    }
    if (socket) {
      socket.close(1000);
    }
  };
  app.focusBox = function () { box.focus(); };

  // Deferred scripts run before DOMContentLoaded: by then every part has registered its handlers.
  document.addEventListener('DOMContentLoaded', function () {
    applyTexts();
    app.emit('start');
    showStatus();
    setInterval(askWho, 60000);
    openEvents();
    connectSocket();
    box.focus();
  });
}());

// The presence demo page: a gateway client in plain JavaScript (Discord's gateway protocol, JSON encoding).
'use strict';
(function () {
  const $ = (id) => document.getElementById(id);
  const state = { token: null, ws: null, seq: null, sessionId: null, resumeUrl: null, beat: null, firstBeat: null,
                  acked: true,
                  friends: new Map(), names: new Map(), me: null, closing: false };

  function log(text) {
    const li = document.createElement('li');
    li.textContent = new Date().toISOString().slice(11, 23) + ' ' + text;
    $('log').prepend(li);
    while ($('log').children.length > 200) { $('log').lastChild.remove(); }
  }

  function gatewayUrl() {
    const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
    return proto + '//' + location.host + '/gateway?v=10&encoding=json';
  }

  function send(payload) {
    if (state.ws && state.ws.readyState === WebSocket.OPEN) {
      state.ws.send(JSON.stringify(payload));
    }
  }

  function connect(resume) {
    const ws = new WebSocket(resume && state.resumeUrl ? state.resumeUrl + '?v=10&encoding=json' : gatewayUrl());
    state.ws = ws;
    $('conn').textContent = 'connecting...';
    ws.onmessage = (ev) => onPayload(ws, JSON.parse(ev.data), resume);
    ws.onclose = (ev) => {
      stopHeartbeats();
      $('conn').textContent = 'closed (' + ev.code + ')';
      log('closed ' + ev.code + (ev.reason ? ' ' + ev.reason : ''));
      // 4004 and 4010-4014 must not reconnect (opcodes-and-status-codes.mdx); 1000 ended the session
      const fatal = [1000, 4004, 4010, 4011, 4012, 4013, 4014];
      if (!state.closing && !fatal.includes(ev.code)) {
        setTimeout(() => connect(state.sessionId !== null && ev.code !== 4007 && ev.code !== 4009), 1000);
      }
    };
  }

  function onPayload(ws, p, resume) {
    if (p.s !== null && p.s !== undefined) { state.seq = p.s; }
    switch (p.op) {
      case 10: {
        // a new connection starts its heartbeats afresh: a missed ACK of an earlier one is not this one's; the first
        // after interval * jitter, then every interval from it (gateway.mdx, "Sending Heartbeats")
        const interval = p.d.heartbeat_interval;
        stopHeartbeats();
        state.acked = true;
        state.firstBeat = setTimeout(() => {
          state.firstBeat = null;
          heartbeat();
          if (state.ws === ws) { state.beat = setInterval(heartbeat, interval); }
        }, interval * Math.random());
        if (resume && state.sessionId) {
          log('resume from s=' + state.seq);
          send({ op: 6, d: { token: state.token, session_id: state.sessionId, seq: state.seq } });
        } else {
          identify();
        }
        break;
      }
      case 11: state.acked = true; break;
      case 1: send({ op: 1, d: state.seq }); break;   // asked for: at once, not a zombie check
      case 7: log('reconnect requested'); state.ws.close(4000); break;
      case 9:
        log('invalid session, resumable=' + p.d);
        if (!p.d) { state.sessionId = null; state.seq = null; }
        setTimeout(() => (p.d ? send({ op: 6, d: { token: state.token, session_id: state.sessionId,
          seq: state.seq } }) : identify()), 500);
        break;
      case 0: dispatch(p.t, p.d); break;
      default: log('op ' + p.op);
    }
  }

  function stopHeartbeats() {
    clearTimeout(state.firstBeat);
    clearInterval(state.beat);
    state.firstBeat = null;
    state.beat = null;
  }

  // No ACK since the last heartbeat: a zombie connection; close it (not 1000, which would end the session) and
  // resume (gateway.mdx, "Sending Heartbeats"). Its timers stop at once, so none fires again while it closes.
  function heartbeat() {
    if (!state.acked) {
      log('no heartbeat ACK: zombie connection, reconnecting');
      stopHeartbeats();
      state.ws.close(4000);
      return;
    }
    state.acked = false;
    send({ op: 1, d: state.seq });
  }

  function identify() {
    send({ op: 2, d: { token: state.token, properties: { os: navigator.platform || 'web', browser: 'sysmodels-demo',
      device: 'web' }, intents: 257, presence: { since: null, activities: [], status: 'online', afk: false } } });
  }

  function dispatch(t, d) {
    if (t === 'READY') {
      state.sessionId = d.session_id;
      state.resumeUrl = d.resume_gateway_url;
      state.me = d.user;
      $('me').textContent = d.user.username;
      $('login').hidden = true;
      $('session').hidden = false;
      $('conn').textContent = 'connected';
      for (const r of d.relationships) { state.names.set(r.id, r.user.username); friend(r.id); }
      for (const p of d.presences) { show(p); }
      log('READY as ' + d.user.username + ', ' + d.relationships.length + ' friends');
    } else if (t === 'RESUMED') {
      $('conn').textContent = 'connected (resumed)';
      log('RESUMED');
    } else if (t === 'PRESENCE_UPDATE') {
      show(d);
      log('PRESENCE_UPDATE ' + (state.names.get(d.user.id) || d.user.id) + ' ' + d.status);
    } else if (t === 'GUILD_CREATE') {
      for (const m of d.members) { state.names.set(m.user.id, m.user.username); }
    }
  }

  function friend(id) {
    if (state.friends.has(id)) { return state.friends.get(id); }
    const li = document.createElement('li');
    li.dataset.userId = id;
    li.innerHTML = '<span class="dot"></span><span class="name"></span><span class="status">offline</span>'
      + '<span class="platforms"></span><span class="activity"></span>';
    li.querySelector('.name').textContent = state.names.get(id) || id;
    $('friends').append(li);
    state.friends.set(id, li);
    return li;
  }

  function show(p) {
    const li = state.friends.get(p.user.id);
    if (!li) { return; }       // a guild member who is not a friend
    li.querySelector('.dot').className = 'dot ' + p.status;
    li.querySelector('.status').textContent = p.status;
    li.querySelector('.platforms').textContent = Object.keys(p.client_status || {}).join(', ');
    li.querySelector('.activity').textContent = (p.activities || []).map((a) => a.name).join(', ');
  }

  function setStatus(status) {
    send({ op: 3, d: { since: status === 'idle' ? Date.now() : null, activities: [], status: status,
      afk: status === 'idle' } });
    $('my-status').textContent = status;
    log('you set ' + status);
  }

  function login(token) {
    state.token = token;
    connect(false);
  }

  document.querySelectorAll('#controls button').forEach((b) => {
    b.addEventListener('click', () => setStatus(b.dataset.status));
  });
  $('token-form').addEventListener('submit', (e) => { e.preventDefault(); login($('token').value.trim()); });
  fetch('/demo.json').then((r) => (r.ok ? r.json() : null)).then((demo) => {
    if (!demo) { return; }
    for (const u of demo.users) {
      const b = document.createElement('button');
      b.id = 'login-' + u.name;
      b.textContent = 'Sign in as ' + u.name;
      b.addEventListener('click', () => login(u.token));
      $('demo-users').append(b);
    }
  }).catch(() => {});
  window.addEventListener('beforeunload', () => { state.closing = true; if (state.ws) { state.ws.close(1000); } });
}());

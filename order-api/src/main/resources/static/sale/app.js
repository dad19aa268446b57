// The sale page: sign-in with a pasted token, then the buyer view (#buyer) or the operator view (#operator).
import { claims, isAdmin, signIn, signOut, token } from './session.js';
import { startBuyer, stopBuyer } from './buyer.js';
import { startOperator, stopOperator } from './operator.js';
import { message, show } from './format.js';

const $ = id => document.getElementById(id);

function route() {
  stopBuyer();
  stopOperator();
  const view = location.hash === '#operator' ? 'operator' : 'buyer';
  const signedIn = claims() !== null;
  show($('sign-in'), !signedIn);
  show($('sign-out'), signedIn);
  $('signed-in-as').textContent = signedIn ? `${claims().sub}${isAdmin() ? ' · admin' : ''}` : '';
  for (const name of ['buyer', 'operator']) {
    show($(name), signedIn && name === view);
    $(`tab-${name}`).classList.toggle('active', name === view);
  }
  if (!signedIn) {
    $('token').focus();
    return;
  }
  if (view === 'operator') startOperator(token()); else startBuyer(token());
}

$('sign-in-form').addEventListener('submit', event => {
  event.preventDefault();
  const candidate = $('token').value;
  if (claims(candidate) === null) {
    message($('sign-in-error'), 'That is not a valid, unexpired token: paste the whole output of bin/token.');
    return;
  }
  message($('sign-in-error'), '');
  $('token').value = '';
  signIn(candidate);
  route();
});

$('sign-out').addEventListener('click', () => {
  signOut();
  route();
});

window.addEventListener('hashchange', route);
route();

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { UploadGate } from './upload-gate.js';

describe('the upload gate', () => {
  test('a person gets as many places as allowed, others keep theirs, and a place given back is free again', () => {
    const gate = new UploadGate({ perPerson: 2, total: 10 });
    const first = gate.enter('grand\nanna');
    const second = gate.enter('grand\nanna');
    assert.ok(first.ok && second.ok);
    assert.deepEqual(gate.enter('grand\nanna'), { ok: false, refusal: 'person_busy' });
    assert.ok(gate.enter('grand\nben').ok, 'a colleague is not held up');
    assert.ok(gate.enter('other\nanna').ok, 'the same id in another hotel is someone else');
    first.leave();
    first.leave(); // giving a place back twice frees one place, not two
    assert.equal(gate.inFlight, 3);
    assert.ok(gate.enter('grand\nanna').ok);
    assert.deepEqual(gate.enter('grand\nanna'), { ok: false, refusal: 'person_busy' });
  });

  test('the server-wide bound refuses everyone once reached', () => {
    const gate = new UploadGate({ perPerson: 5, total: 2 });
    const places = [gate.enter('h\na'), gate.enter('h\nb')];
    assert.deepEqual(gate.enter('h\nc'), { ok: false, refusal: 'server_busy' });
    const [place] = places;
    assert.ok(place?.ok);
    place.leave();
    assert.ok(gate.enter('h\nc').ok);
    assert.equal(gate.inFlight, 2);
  });
});

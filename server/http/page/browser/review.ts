// One report version opened from the status table, and the review (accept or return) sent on it.
import { submissionView } from '../city-state.ts';
import { cell, say, state } from './city-context.ts';
import { $, el, input } from './dom.ts';

/** One report version as it reads in the workbook, what changed since the agency's previous version, and the review form. */
export async function openSubmission(submissionId: string) {
  const loaded = await state.openSubmission(submissionId);
  if (!loaded.ok) {
    say(loaded.message);
    return;
  }
  const view = submissionView(loaded.value);
  $('#report-view-heading').textContent = view.heading;
  $('#report-view-state').textContent = view.state;
  $('#report-view-tasks tbody').replaceChildren(
    ...view.tasks.map((t) => {
      const tr = el('tr');
      tr.dataset.task = t.taskId;
      for (const c of t.cells) {
        const td = cell(tr, c.text);
        if (c.changed) td.className = 'changed';
      }
      cell(tr, '').append(el('input', null, { class: 'task-comment', 'aria-label': `Nhận xét ${t.taskId}` }));
      return tr;
    }),
  );
  $('#report-view-measures tbody').replaceChildren(
    ...view.measures.map((texts) => {
      const tr = el('tr');
      for (const text of texts) cell(tr, text);
      return tr;
    }),
  );
  $('#report-view-assessment').replaceChildren(...view.assessment.map((text) => el('p', text)));
  input('#review-comment').value = '';
  $('#review-error').textContent = '';
  $('#report-view').hidden = false;
  $('#report-view').scrollIntoView();
}

/** Sends the review, then shows the version and the status again (`reload`). */
export async function sendReview(decision: 'accept' | 'return', reload: () => Promise<void>) {
  const comments = [...document.querySelectorAll<HTMLTableRowElement>('#report-view-tasks tbody tr')].map((tr) => ({
    taskId: tr.dataset.task ?? '',
    text: tr.querySelector('input')?.value ?? '',
  }));
  const sent = await state.review(decision, input('#review-comment').value, comments, input('#review-resubmit').value);
  if (!sent.ok) {
    $('#review-error').textContent = sent.message;
    input('#review-comment').focus();
    return;
  }
  await openSubmission(state.viewing!.submission.submissionId);
  await reload();
}

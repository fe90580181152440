/** Reading an issue comment's html_url back into its issue number and comment id. */

/** `…/issues/12#issuecomment-345` or `…/pull/12#issuecomment-345` → `{ issueNumber: 12, commentId: 345 }`. */
export function parseCommentUrl(url: string): { issueNumber: number; commentId: number } | undefined {
  const match = /\/(?:issues|pull)\/(\d+)#issuecomment-(\d+)$/.exec(url);
  if (!match) return undefined;
  return { issueNumber: Number(match[1]), commentId: Number(match[2]) };
}

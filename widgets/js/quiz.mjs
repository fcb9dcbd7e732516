// Knowledge-check quizzes (onboarding). Replaced by the onboarding work; wireQuiz(element, getEngine) is its entry.
export function wireQuiz(element, getEngine) {
  void element;
  void getEngine;
}

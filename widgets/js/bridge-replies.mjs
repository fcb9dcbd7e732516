// @ts-check
// The JSON the engine's bridge (widgets/candor/bridge.py, through engine-worker.mjs) sends back, as JSDoc types
// for TypeScript's checker (scripts/test). Types only: nothing here runs. A field the widgets place but do not
// read is typed loosely; what they read is typed as the engine writes it.

/**
 * An error the engine refused something with: a plain message for the reader, the field it concerns, and the
 * technical part apart (shown on demand).
 * @typedef {object} BridgeError
 * @property {string} message
 * @property {string} field
 * @property {string} [detail]
 */

/**
 * Every reply: the result of the op, or an error.
 * @template T
 * @typedef {{ ok: true, result: T } | { ok: false, error: BridgeError }} Reply
 */

/** A check's answers: a question id, then an option id (one choice) or a list of them (several).
 *  @typedef {Record<string, string | string[]>} Answers */

/** @typedef {"good" | "warn" | "bad"} Tone */

/**
 * Op "load", "tool-load" (a check's or a calculator's bundle in the engine): its id and version.
 * @typedef {{ id: string, version: number }} Loaded
 */

/** Op "quiz-load": the quiz's id. @typedef {{ id: string }} QuizLoaded */

/**
 * How far the answers go (candor.checks.verdict.Completeness).
 * @typedef {object} Completeness
 * @property {number} answered
 * @property {number} visible
 * @property {number} needed answers needed before the check gives a score
 * @property {boolean} enough
 * @property {unknown[]} missing
 * @property {string} text
 * @property {string} missing_text
 */

/**
 * Op "evaluate": the check's result, display-ready (candor.checks.evaluate.Result, with the approval summary).
 * @typedef {object} CheckResult
 * @property {string} questionnaire
 * @property {number} version
 * @property {string | null} verdict
 * @property {string | null} verdict_label
 * @property {Tone | null} verdict_tone
 * @property {string | null} verdict_summary
 * @property {boolean} provisional
 * @property {number | null} score
 * @property {string} reason
 * @property {unknown[]} holds
 * @property {unknown[]} thresholds
 * @property {unknown[]} areas
 * @property {unknown[]} flags
 * @property {unknown[]} recommendations
 * @property {unknown[]} fix_first the answer changes to make first (candor.checks.fix_first), under fix_first_heading
 * @property {string} fix_first_heading
 * @property {Completeness} completeness
 * @property {string[]} visible the ids of the questions to show
 * @property {string} chart_svg
 * @property {unknown[]} key_dates
 * @property {{ conditions: unknown[], red_flags: unknown[] }} approval what the printed summary lists
 */

/**
 * An answers envelope as the engine read it (candor.model.answers.envelope_to_json).
 * @typedef {object} Envelope
 * @property {string} questionnaire
 * @property {number} version
 * @property {Answers} answers
 * @property {string} [saved_at]
 * @property {Record<string, string>} [campaign]
 */

/** Op "read": the clean envelope and any notes on bringing it up to date. @typedef {{ envelope: Envelope, notes: string[] }} ReadResult */

/** Op "report": the report, as Markdown. @typedef {string} ReportResult */

/**
 * A link to a practice (candor.model.links.PracticeLink).
 * @typedef {{ id: string, title: string, url: string }} PracticeLink
 */

/**
 * One scenario of a knowledge check, scored (candor.learning.quiz.QuestionResult).
 * @typedef {object} QuizQuestionResult
 * @property {string} question
 * @property {boolean} answered
 * @property {string | null} chosen
 * @property {string | null} chosen_label
 * @property {boolean} correct
 * @property {string} best
 * @property {string} best_label
 * @property {string | null} chosen_explanation
 * @property {string} best_explanation
 * @property {PracticeLink | null} chosen_practice
 * @property {PracticeLink} practice
 */

/**
 * Op "quiz-score": a knowledge check scored (candor.learning.quiz.QuizResult).
 * @typedef {object} QuizResult
 * @property {string} quiz
 * @property {string} title
 * @property {number} correct
 * @property {number} total
 * @property {number} answered
 * @property {boolean} complete every question answered
 * @property {number} score correct / total, 0 to 1
 * @property {number} percent
 * @property {string} summary
 * @property {QuizQuestionResult[]} questions
 */

/**
 * The table of rates by group, headed and formatted by the engine.
 * @typedef {{ columns: string[], rows: { group: string, note: string, cells: string[] }[] }} RatesTable
 */

/**
 * Op "bias-audit": the audit, display-ready (candor.bias.tool.run).
 * @typedef {object} BiasResult
 * @property {string} verdict
 * @property {string} verdict_label
 * @property {Tone} verdict_tone
 * @property {string} status the status line
 * @property {string} reading
 * @property {RatesTable} table
 * @property {string} chart_svg
 * @property {unknown[]} groups
 * @property {{ id: string, text: string }[]} caveats
 * @property {PracticeLink[]} practices
 */

export {};

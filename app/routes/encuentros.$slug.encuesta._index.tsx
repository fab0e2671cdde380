import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { answerSurvey, surveyPage } from "~/features/surveys/answer-page.server";
import { SurveyAnswerPage } from "~/features/surveys/components/answer-page";

// /encuentros/:slug/encuesta — the encounter's current survey (the one open now), to answer it
// (app/features/surveys/answer-page.server.ts). Linked from the registration page and the mail.

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.survey.title} · Convoca` : "Convoca" }];

export const loader = ({ request, params }: LoaderFunctionArgs) => surveyPage(request, params);

export const action = ({ request, params, context }: ActionFunctionArgs) => answerSurvey(request, params, context);

export default SurveyAnswerPage;

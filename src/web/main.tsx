import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app.tsx";
import { AuthProvider } from "./auth/auth-context.tsx";
import { AnswerLinkPage } from "./public/answer-link-page.tsx";
import "./styles.css";

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element.");

createRoot(root).render(
  <StrictMode>
    {/* A questionnaire link is answered without an account, outside the signed-in app. */}
    {window.location.pathname === "/answer" ? (
      <AnswerLinkPage />
    ) : (
      <AuthProvider>
        <App />
      </AuthProvider>
    )}
  </StrictMode>,
);

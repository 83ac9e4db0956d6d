import { useNavigate, useSearchParams } from 'react-router';
import { LoginForm } from '../../features/auth/components/LoginForm.tsx';

/** Only same-site paths are followed after sign-in, never an absolute URL from the query string. */
function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function LoginRoute() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  return (
    <main className="login-page">
      <div className="card login-card">
        <div className="brand large">
          <span className="brand-mark" aria-hidden="true" />
          Feedbench
        </div>
        <h1>Sign in</h1>
        <p className="muted">Human feedback for instruction-tuned models.</p>
        <LoginForm onSignedIn={() => navigate(safeNext(params.get('next')), { replace: true })} />
      </div>
    </main>
  );
}

import { createRoot } from 'react-dom/client';
import { RpcClient } from '../../shared/rpc';
import { connectToHost } from './transports';
import { App } from './App';
import './styles.css';

const root = createRoot(document.getElementById('root')!);

connectToHost().then(
  (transport) => {
    const client = new RpcClient(transport);
    root.render(<App api={client} onDisconnect={(l) => client.onDisconnect(l)} />);
  },
  (err: Error) => {
    root.render(
      <div className="fatal" role="alert">
        <h1>gopsy cannot reach its backend</h1>
        <p>{err.message}</p>
        <p>If you opened this page from a saved link, start gopsy again and use the URL it prints.</p>
      </div>,
    );
  },
);

import type { RecentRequestView } from '../../../../shared/ipc';
import { formatClock, formatExact } from '../../lib/format-time';

/** The last requests the Local API answered, newest first (the same list as /health). */
export function RecentRequests({ requests }: { requests: RecentRequestView[] }) {
  return (
    <div className="requests" data-testid="recent-requests">
      <table className="requests__table">
        <thead>
          <tr>
            <th scope="col" className="requests__time">
              Time
            </th>
            <th scope="col" className="requests__method">
              Method
            </th>
            <th scope="col">Path</th>
            <th scope="col" className="requests__status">
              Status
            </th>
          </tr>
        </thead>
        <tbody>
          {requests.map((request, index) => (
            <tr key={`${request.at}-${index}`} data-testid="recent-request">
              <td className="requests__time" title={formatExact(request.at)}>
                {formatClock(request.at)}
              </td>
              <td className="requests__method">{request.method}</td>
              <td className="requests__path" title={request.path}>
                {request.path}
              </td>
              <td className="requests__status" data-class={Math.floor(request.statusCode / 100)}>
                {request.statusCode}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {requests.length === 0 && (
        <p className="requests__empty">No requests yet. They appear here as scripts call the API.</p>
      )}
    </div>
  );
}

// What the scan cost the clouds: API requests per cloud, region and service.

import type { FC } from "hono/jsx";
import type { RequestCount } from "../../findings/scan-result.ts";
import { formatBytes } from "../format-bytes.ts";
import { visibleText } from "../visible-text.ts";

export const RequestsTable: FC<{ requests: RequestCount[] }> = ({ requests }) => (
  <table id="requests">
    <thead>
      <tr>
        <th>cloud/region</th>
        <th>service</th>
        <th class="num">requests</th>
        <th class="num">failed</th>
        <th class="num">received</th>
        <th class="num">time</th>
      </tr>
    </thead>
    <tbody>
      {requests.map((entry) => (
        <tr>
          <td>
            {visibleText(entry.cloud)}/{visibleText(entry.region)}
          </td>
          <td>{visibleText(entry.service)}</td>
          <td class="num">{String(entry.count)}</td>
          <td class="num">{String(entry.errors)}</td>
          <td class="num">{formatBytes(entry.bytes)}</td>
          <td class="num">{`${(entry.totalMs / 1000).toFixed(1)} s`}</td>
        </tr>
      ))}
    </tbody>
  </table>
);

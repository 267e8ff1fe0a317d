import { common, peer } from '@hyperledger/fabric-protos';

const { lifecycle } = peer;
import type { NetworkReport, PeerStatus } from '@patrec/contract';
import type { Session } from '../accounts/session.js';
import type { EnrolledIdentity } from '../identity/hospital-ca.js';
import { connectAs, type Ledger } from '../ledger/ledger.js';

/**
 * What a hospital admin can see of the network from the gateway: each hospital's peer with
 * its channel height, and the committed chaincode definition. (Orderers are not reachable
 * with people's identities; `npm run status` on an operator's machine shows them.)
 */
export async function networkStatus(
  session: Session,
  ledger: Ledger,
  identityOf: (id: string) => Promise<EnrolledIdentity | undefined>,
): Promise<NetworkReport> {
  const identity = await identityOf(session.userId);
  if (!identity) throw new Error(`${session.userId} has no ledger identity`);
  const { channel, chaincode } = ledger.profile;
  const peers = await Promise.all(
    ledger.profile.hospitals.map(async (hospital): Promise<PeerStatus> => {
      const gateway = connectAs(ledger.clientFor(hospital.mspId), identity);
      try {
        const bytes = await gateway
          .getNetwork(channel)
          .getContract('qscc')
          .evaluateTransaction('GetChainInfo', channel);
        const height = common.BlockchainInfo.deserializeBinary(bytes).getHeight();
        return {
          hospital: hospital.name,
          mspId: hospital.mspId,
          endpoint: hospital.peer.endpoint,
          up: true,
          height,
        };
      } catch {
        return {
          hospital: hospital.name,
          mspId: hospital.mspId,
          endpoint: hospital.peer.endpoint,
          up: false,
          height: null,
        };
      } finally {
        gateway.close();
      }
    }),
  );
  const definition = await ledger
    .withNetwork(identity, async (network) => {
      const args = new lifecycle.QueryChaincodeDefinitionArgs();
      args.setName(chaincode);
      const bytes = await network
        .getContract('_lifecycle')
        .evaluateTransaction('QueryChaincodeDefinition', args.serializeBinary());
      const result = lifecycle.QueryChaincodeDefinitionResult.deserializeBinary(bytes);
      return { name: chaincode, version: result.getVersion(), sequence: result.getSequence() };
    })
    .catch(() => null);
  return { channel, chaincode: definition, peers };
}

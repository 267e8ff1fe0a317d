'use strict';

const { readFileSync } = require('node:fs');

/**
 * What every PatRec workload module shares (Caliper's workload interface, without its base
 * class: Caliper is installed outside the repository): the people and encoded arguments that
 * `npm run bench -- caliper` wrote (PATREC_CALIPER_ACTORS), and this worker's patient.
 */
class PatrecWorkload {
  async initializeWorkloadModule(
    workerIndex,
    totalWorkers,
    roundIndex,
    roundArguments,
    sutAdapter,
  ) {
    this.sutAdapter = sutAdapter;
    this.actors = JSON.parse(readFileSync(process.env.PATREC_CALIPER_ACTORS, 'utf8'));
    this.patient = this.actors.patients[workerIndex % this.actors.patients.length];
  }

  async cleanupWorkloadModule() {}

  /**
   * Submits one transaction as the person and waits for its commit; its result as text when
   * it committed.
   */
  async send(person, contractFunction, contractArguments) {
    const status = await this.sutAdapter.sendRequests({
      contractId: this.actors.chaincode,
      contractFunction,
      contractArguments,
      invokerIdentity: person.identity,
      invokerMspId: person.mspId,
      readOnly: false,
    });
    const result = status.GetResult();
    return status.IsCommitted() && result ? Buffer.from(result).toString('utf8') : undefined;
  }
}

module.exports = { PatrecWorkload };

'use strict';

const { PatrecWorkload } = require('./patrec-workload.cjs');

/** The doctor reads the worker's patient's shared record: a consent check logged on the ledger. */
class AccessRecord extends PatrecWorkload {
  async submitTransaction() {
    await this.send(this.actors.doctor, this.actors.transactions.access, [this.patient.recordId]);
  }
}

module.exports.createWorkloadModule = () => new AccessRecord();

'use strict';

const { PatrecWorkload } = require('./patrec-workload.cjs');

/** The worker's patient shares their records with the doctor, then revokes that share. */
class Consents extends PatrecWorkload {
  async initializeWorkloadModule(...args) {
    await super.initializeWorkloadModule(...args);
    this.open = [];
  }

  async submitTransaction() {
    const { transactions, shareArguments } = this.actors;
    const consentId = this.open.pop();
    if (consentId) {
      await this.send(this.patient, transactions.revoke, [consentId]);
      return;
    }
    const shared = await this.send(this.patient, transactions.share, shareArguments);
    if (shared) this.open.push(JSON.parse(shared).consentId);
  }
}

module.exports.createWorkloadModule = () => new Consents();
